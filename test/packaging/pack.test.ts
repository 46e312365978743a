// The packed tarball installs into an empty project with no C++ compiler on PATH and runs from its
// prebuild; its contents are an allowlist.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root } from '../helpers/child';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'se-pack-'));
const bin = path.join(work, 'bin');
const app = path.join(work, 'app');
const env = { ...process.env, PATH: bin, CXX: '', CC: '' };
let tarball = '';

function npmCli(): string {
  const npmBin = fs.realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
  return npmBin.endsWith('.js') ? npmBin : path.join(path.dirname(npmBin), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
}

// Works on a copy of the checkout: building the prebuild rewrites build/, which the other test
// files running beside this one load their addon from.
test.before(() => {
  const copy = path.join(work, 'pkg');
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && fs.existsSync(path.join(root, f)));
  for (const f of files) {
    fs.mkdirSync(path.dirname(path.join(copy, f)), { recursive: true });
    fs.copyFileSync(path.join(root, f), path.join(copy, f));
  }
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));
  execFileSync('npm', ['run', 'prebuild'], { cwd: copy, stdio: 'ignore' });
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: copy, encoding: 'utf8' });
  const info = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  tarball = path.join(work, info[0].filename);
  fs.writeFileSync(path.join(work, 'files.json'), JSON.stringify(info[0].files.map((f) => f.path)));
});

test('the tarball holds the allowlist: dist, native sources, headers, prebuilds; no tests, no build folders', () => {
  const files: string[] = JSON.parse(fs.readFileSync(path.join(work, 'files.json'), 'utf8'));
  assert.ok(files.includes('dist/index.js'));
  assert.ok(files.includes('dist/index.mjs'));
  assert.ok(files.includes('dist/index.d.ts'));
  assert.ok(files.includes('dist/cli.js'));
  assert.ok(files.includes('binding.gyp'));
  assert.ok(files.includes('native/sources.json'));
  assert.ok(files.some((f) => f.startsWith(`prebuilds/${process.platform}-${process.arch}/`) && f.endsWith('.node')));
  const allowed = /^(dist\/|native\/|include\/|prebuilds\/|binding\.gyp$|CMakeLists\.txt$|README\.md$|LICENSE$|package\.json$)/;
  assert.equal(files.filter((f) => !allowed.test(f)), []);
  assert.equal(files.filter((f) => /^(test|bench|build|scripts|tools)\//.test(f)), []);
});

test('installed with no compiler on PATH, require() and doctor() work from the prebuild', () => {
  fs.mkdirSync(bin);
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  fs.symlinkSync('/bin/sh', path.join(bin, 'sh'));
  fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\nexec "${process.execPath}" "${npmCli()}" "$@"\n`, { mode: 0o755 });
  const compilers = spawnSync('/bin/sh', ['-c', 'command -v g++ || command -v c++ || command -v cc || command -v make'], { env, encoding: 'utf8' });
  assert.is.not(compilers.status, 0, 'no compiler and no make reachable');
  assert.is(compilers.stdout.trim(), '');

  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  const install = spawnSync(path.join(bin, 'npm'), ['install', '--no-audit', '--no-fund', tarball], { cwd: app, env, encoding: 'utf8' });
  assert.is(install.status, 0, install.stderr);

  const run = spawnSync(
    path.join(bin, 'node'),
    ['-e', "const r = require('seed-everything').doctor(); console.log(JSON.stringify({ addon: r.addon, cuda: r.cuda.available }))"],
    { cwd: app, env, encoding: 'utf8' },
  );
  assert.is(run.status, 0, run.stderr);
  const out = JSON.parse(run.stdout);
  assert.is(out.addon.loaded, true);
  assert.is(out.addon.kind, 'prebuild');
  assert.match(out.addon.path, /node_modules\/seed-everything\/prebuilds\//);
  assert.is(fs.existsSync(path.join(app, 'node_modules', 'seed-everything', 'build')), false, 'nothing was compiled');

  const esm = spawnSync(path.join(bin, 'node'), ['--input-type=module', '-e', "import { doctor } from 'seed-everything'; console.log(doctor().addon.kind)"], {
    cwd: app,
    env,
    encoding: 'utf8',
  });
  assert.is(esm.status, 0, esm.stderr);
  assert.is(esm.stdout.trim(), 'prebuild');

  const cli = spawnSync(path.join(app, 'node_modules', '.bin', 'seed-everything'), ['doctor', '--json'], { cwd: app, env, encoding: 'utf8' });
  assert.is(cli.status, 0, cli.stderr);
  assert.is(JSON.parse(cli.stdout).addon.kind, 'prebuild');
});

// The consumer projects below live inside the installed app, so they resolve the package from the
// one install above, as a monorepo's sub-packages would.
function project(name: string, manifest: Record<string, unknown>, files: Record<string, string>): string {
  const dir = path.join(app, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, ...manifest }));
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

function runNode(cwd: string, file: string): string {
  const r = spawnSync(path.join(bin, 'node'), [file], { cwd, env, encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.trim();
}

const consumerBody = `
const report = seedEverything(7);
const math = [Math.random(), Math.random(), Math.random()];
const philox = Array.from(new Philox(7n).uniform(4));
const py = new PyRandom(11);
console.log(JSON.stringify({
  seed: String(report.seed),
  math,
  philox,
  py: [py.randint(1, 100), py.randint(1, 100)],
  cudaSeed: String(cuda.initialSeed(0)),
}));
`;
let cjsOutput = '';

test('a CommonJS consumer require()s the package, seeds and draws', () => {
  const dir = project('cjs-consumer', { type: 'commonjs' }, {
    'index.js': `const { seedEverything, Philox, PyRandom, cuda } = require('seed-everything');\n${consumerBody}`,
  });
  cjsOutput = runNode(dir, 'index.js');
  const out = JSON.parse(cjsOutput);
  assert.is(out.seed, '7');
  assert.is(out.math.length, 3);
  for (const x of [...out.math, ...out.philox]) assert.ok(x >= 0 && x < 1, `${x} in [0, 1)`);
  assert.is(out.philox.length, 4);
  assert.equal(out.py, [58, 72], "CPython's random.seed(11) draws");
  // Seeded, so a second process prints the same.
  assert.is(runNode(dir, 'index.js'), cjsOutput);
});

test('an ES module consumer with named imports prints the same as the CommonJS one', () => {
  assert.ok(cjsOutput, 'the CommonJS consumer ran');
  const dir = project('esm-consumer', { type: 'module' }, {
    'index.js': `import { seedEverything, Philox, cuda } from 'seed-everything';\nimport { PyRandom } from 'seed-everything';\n${consumerBody}`,
  });
  assert.is(runNode(dir, 'index.js'), cjsOutput);
});

const typescript = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// No @types/node: the package's declarations must not need Node's own types to type-check.
const nodeTypes = ['--typeRoots', path.join(work, 'no-types')];
const resolutions = [
  ['--module', 'node16', '--moduleResolution', 'node16'],
  ['--module', 'commonjs', '--moduleResolution', 'node10'],
];

function typecheck(dir: string, file: string, resolution: string[]) {
  return spawnSync(
    path.join(bin, 'node'),
    [typescript, '--noEmit', '--strict', '--target', 'es2022', ...resolution, ...nodeTypes, file],
    { cwd: dir, env, encoding: 'utf8' },
  );
}

const consumerTs = `
import { seedEverything, curand, Philox, getRngState, doctor, cuda } from 'seed-everything';
import type { SeedReport, Seed, SeedOptions, RngSnapshot, DoctorReport } from 'seed-everything';

const seed: Seed = 7n;
const options: SeedOptions = { deterministic: true, benchmark: false };
const report: SeedReport = seedEverything(seed, options);
const root: bigint = report.seed;
const snapshot: RngSnapshot = getRngState();
const info: DoctorReport = doctor();
const loaded: boolean = info.addon.loaded;
const philox = new Philox(root);
const u: Float32Array = philox.uniform(4);
const offset: bigint = philox.offset;
if (curand.isAvailable()) {
  const g = new curand.Generator('PHILOX4_32_10', { seed: 1 });
  g.close();
}
const cudaSeed: bigint | number = cuda.initialSeed(0);
console.log(snapshot.version, loaded, u.length, offset, cudaSeed);
`;

test('a TypeScript consumer type-checks against the packed declarations (node16 and node10 resolution)', () => {
  const dir = project('ts-consumer', {}, { 'index.ts': consumerTs });
  for (const resolution of resolutions) {
    const r = typecheck(dir, 'index.ts', resolution);
    assert.is(r.status, 0, `${resolution.join(' ')}\n${r.stdout}${r.stderr}`);
  }
});

test('the packed declarations reject a wrong use: seedEverything({})', () => {
  const dir = project('ts-wrong', {}, { 'index.ts': "import { seedEverything } from 'seed-everything';\nseedEverything({});\n" });
  for (const resolution of resolutions) {
    const r = typecheck(dir, 'index.ts', resolution);
    assert.is.not(r.status, 0, `${resolution.join(' ')} accepted seedEverything({})`);
    assert.match(r.stdout, /index\.ts\(2,16\): error TS2345/);
  }
});

test.after(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test.run();
