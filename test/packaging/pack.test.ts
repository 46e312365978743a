// A plain `npm pack` of a clean clone (git clone of HEAD: commit before running this locally)
// installs into empty projects two ways: (a) with no prebuild, building from source with the
// compiler on PATH; (b) with the linux-x64 prebuild that `prepack` took from the clone's build,
// with no compiler reachable. Both are then required, imported and drawn from.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root } from '../helpers/child';
import { Philox } from '../../lib/index';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'se-pack-'));
const clone = path.join(work, 'clone');
const bin = path.join(work, 'bin');
const tuple = `${process.platform}-${process.arch}`;
const noCompiler = { ...process.env, PATH: bin, CXX: '/bin/false', CC: '/bin/false' };
// The running node's headers: a source build must not try to download them.
const nodedir = path.resolve(process.execPath, '..', '..');
const withCompiler = { ...process.env, npm_config_nodedir: nodedir };
const packs: Record<'source' | 'prebuild', { tarball: string; files: string[] }> = {} as never;

function sh(cmd: string, args: string[], options: SpawnSyncOptions): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  assert.is(r.status, 0, `${cmd} ${args.join(' ')} (exit ${r.status})\n${r.stdout}\n${r.stderr}`);
  return String(r.stdout);
}

function pack(name: 'source' | 'prebuild'): void {
  const dest = path.join(work, name);
  fs.mkdirSync(dest);
  const out = sh('npm', ['pack', '--json', '--pack-destination', dest], { cwd: clone, env: withCompiler });
  const info = JSON.parse(out.slice(out.indexOf('['))) as { filename: string; files: { path: string }[] }[];
  packs[name] = { tarball: path.join(dest, info[0].filename), files: info[0].files.map((f) => f.path) };
}

function install(name: 'source' | 'prebuild', env: NodeJS.ProcessEnv, npm: string): string {
  const app = path.join(work, `app-${name}`);
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: `app-${name}`, version: '1.0.0', private: true }));
  sh(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', packs[name].tarball], { cwd: app, env });
  return app;
}

function npmCli(): string {
  const npmBin = fs.realpathSync(execFileSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).trim());
  return npmBin.endsWith('.js') ? npmBin : path.join(path.dirname(npmBin), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
}

let sourceApp = '';
let prebuildApp = '';

// The clone has node_modules (as after `npm install`) but no build: the first pack has nothing to
// ship for this platform. Installing it compiles the addon; that build, put where `npm install`
// in the clone would have put it, is what the second pack's prepack turns into the prebuild.
test.before(() => {
  sh('git', ['clone', '--quiet', root, clone], { cwd: work });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(clone, 'node_modules'));
  pack('source');
  sourceApp = install('source', withCompiler, 'npm');
  const built = path.join(sourceApp, 'node_modules', 'seed-everything', 'build', 'Release', 'seed_everything.node');
  fs.mkdirSync(path.join(clone, 'build', 'Release'), { recursive: true });
  fs.copyFileSync(built, path.join(clone, 'build', 'Release', 'seed_everything.node'));
  pack('prebuild');

  fs.mkdirSync(bin);
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  fs.symlinkSync('/bin/sh', path.join(bin, 'sh'));
  fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\nexec "${process.execPath}" "${npmCli()}" "$@"\n`, { mode: 0o755 });
  prebuildApp = install('prebuild', noCompiler, path.join(bin, 'npm'));
});

const allowed = /^(dist\/|native\/|include\/|prebuilds\/|binding\.gyp$|CMakeLists\.txt$|README\.md$|LICENSE$|package\.json$)/;

test('both tarballs hold the allowlist: dist, native sources, headers, LICENSE; no tests, scripts or build folders', () => {
  for (const { files } of Object.values(packs)) {
    for (const f of ['dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'dist/index.d.mts', 'dist/cli/index.js', 'binding.gyp', 'native/sources.json', 'LICENSE', 'README.md']) {
      assert.ok(files.includes(f), f);
    }
    assert.equal(files.filter((f) => !allowed.test(f)), []);
    assert.equal(files.filter((f) => /^(test|bench|build|scripts|tools)\//.test(f)), []);
  }
  assert.equal(packs.source.files.filter((f) => f.startsWith('prebuilds/')), [], 'no build, no prebuild');
  assert.ok(packs.prebuild.files.includes(`prebuilds/${tuple}/node.napi.node`));
  const license = fs.readFileSync(path.join(prebuildApp, 'node_modules', 'seed-everything', 'LICENSE'), 'utf8');
  assert.match(license, /^MIT License\n\nCopyright \(c\) 2026 seed-everything contributors\n/);
});

test('the shipped binding.gyp needs nothing the tarball lacks', () => {
  const gyp = fs.readFileSync(path.join(prebuildApp, 'node_modules', 'seed-everything', 'binding.gyp'), 'utf8');
  for (const m of gyp.matchAll(/[\w./-]+\.(?:js|json|cc)\b/g)) {
    if (m[0] === 'package.json') continue;
    assert.ok(packs.source.files.includes(m[0].replace(/^\.\//, '')), `binding.gyp refers to ${m[0]}, which the tarball lacks`);
  }
});

// One script for every consumer: require, import (named and default) and a Philox draw.
const use = `
const cjs = require('seed-everything');
const info = cjs.doctor().addon;
const draws = Array.from(new cjs.Philox(7n, 5n).uint32(6));
import('seed-everything').then((esm) => {
  const report = esm.default(9);
  console.log(JSON.stringify({ info, draws, same: esm.Philox === cjs.Philox, seed: JSON.parse(JSON.stringify(report)).seed }));
});`;

function used(app: string, env: NodeJS.ProcessEnv) {
  const out = sh(process.execPath, ['-e', use], { cwd: app, env });
  return JSON.parse(out) as { info: { loaded: boolean; kind: string; path: string }; draws: number[]; same: boolean; seed: string };
}

const expected = Array.from(new Philox(7n, 5n).uint32(6));

test('(a) no prebuild, compiler present: the install built the addon from source, and it works', () => {
  const pkg = path.join(sourceApp, 'node_modules', 'seed-everything');
  assert.is(fs.existsSync(path.join(pkg, 'prebuilds')), false);
  const out = used(sourceApp, withCompiler);
  assert.is(out.info.loaded, true);
  assert.is(out.info.kind, 'build');
  assert.is(out.info.path, path.join(fs.realpathSync(pkg), 'build', 'Release', 'seed_everything.node'));
  assert.equal(out.draws, expected);
  assert.is(out.same, true, 'import and require share one instance');
  assert.is(out.seed, '9');
});

test('(b) prebuild present, no compiler reachable: installed and used from the prebuild, nothing compiled', () => {
  const compilers = spawnSync('/bin/sh', ['-c', 'command -v g++ || command -v c++ || command -v cc || command -v make'], { env: noCompiler, encoding: 'utf8' });
  assert.is.not(compilers.status, 0, 'no compiler and no make reachable');
  const pkg = path.join(prebuildApp, 'node_modules', 'seed-everything');
  assert.is(fs.existsSync(path.join(pkg, 'build')), false, 'nothing was compiled');
  const out = used(prebuildApp, noCompiler);
  assert.is(out.info.kind, 'prebuild');
  assert.is(out.info.path, path.join(fs.realpathSync(pkg), 'prebuilds', tuple, 'node.napi.node'));
  assert.equal(out.draws, expected);
  assert.is(out.same, true);
  assert.is(out.seed, '9');

  const cli = spawnSync(path.join(prebuildApp, 'node_modules', '.bin', 'seed-everything'), ['doctor', '--json'], { cwd: prebuildApp, env: noCompiler, encoding: 'utf8' });
  assert.is(cli.status, 0, cli.stderr);
  assert.is(JSON.parse(cli.stdout).addon.kind, 'prebuild');
});

// The consumer projects below live inside the prebuild app, so they resolve the package from that
// one install, as a monorepo's sub-packages would.
function project(name: string, manifest: Record<string, unknown>, files: Record<string, string>): string {
  const dir = path.join(prebuildApp, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, ...manifest }));
  for (const [file, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), text);
  return dir;
}

function runNode(cwd: string, file: string): string {
  return sh(path.join(bin, 'node'), [file], { cwd, env: noCompiler }).trim();
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

test('ES module consumers, with named imports and with the default import, print the same as the CommonJS one', () => {
  assert.ok(cjsOutput, 'the CommonJS consumer ran');
  const named = project('esm-consumer', { type: 'module' }, {
    'index.js': `import { seedEverything, Philox, cuda } from 'seed-everything';\nimport { PyRandom } from 'seed-everything';\n${consumerBody}`,
  });
  assert.is(runNode(named, 'index.js'), cjsOutput);
  const byDefault = project('esm-default', { type: 'module' }, {
    'index.js': `import seedEverything, { Philox, PyRandom, cuda } from 'seed-everything';\n${consumerBody}`,
  });
  assert.is(runNode(byDefault, 'index.js'), cjsOutput);
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
    { cwd: dir, env: noCompiler, encoding: 'utf8' },
  );
}

const consumerTs = `
import seedDefault, { seedEverything, curand, Philox, getRngState, doctor, cuda } from 'seed-everything';
import type { SeedReport, Seed, SeedOptions, RngSnapshot, DoctorReport } from 'seed-everything';

const seed: Seed = 7n;
const options: SeedOptions = { deterministic: true, benchmark: false };
const report: SeedReport = seedEverything(seed, options);
const again: SeedReport = seedDefault(seed);
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
console.log(snapshot.version, loaded, u.length, offset, cudaSeed, again.seed);
`;

test('TypeScript consumers (CommonJS and ES module) type-check against the packed declarations, default import included', () => {
  const cjsDir = project('ts-consumer', {}, { 'index.ts': consumerTs });
  for (const resolution of resolutions) {
    const r = typecheck(cjsDir, 'index.ts', resolution);
    assert.is(r.status, 0, `${resolution.join(' ')}\n${r.stdout}${r.stderr}`);
  }
  const esmDir = project('ts-esm-consumer', { type: 'module' }, { 'index.ts': consumerTs });
  const r = typecheck(esmDir, 'index.ts', resolutions[0]);
  assert.is(r.status, 0, `ESM node16\n${r.stdout}${r.stderr}`);
});

test('the packed declarations reject a wrong use: seedEverything({}) and the default export called with {}', () => {
  const dir = project('ts-wrong', {}, {
    'index.ts': "import seedDefault, { seedEverything } from 'seed-everything';\nseedEverything({});\nseedDefault({});\n",
  });
  for (const resolution of resolutions) {
    const r = typecheck(dir, 'index.ts', resolution);
    assert.is.not(r.status, 0, `${resolution.join(' ')} accepted seedEverything({})`);
    assert.match(r.stdout, /index\.ts\(2,16\): error TS2345/);
    assert.match(r.stdout, /index\.ts\(3,13\): error TS2345/);
  }
});

test.after(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test.run();
