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
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(process.execPath, path.join(bin, 'node'));
  fs.symlinkSync('/bin/sh', path.join(bin, 'sh'));
  fs.writeFileSync(path.join(bin, 'npm'), `#!/bin/sh\nexec "${process.execPath}" "${npmCli()}" "$@"\n`, { mode: 0o755 });
  const env = { ...process.env, PATH: bin, CXX: '', CC: '' };
  const compilers = spawnSync('/bin/sh', ['-c', 'command -v g++ || command -v c++ || command -v cc || command -v make'], { env, encoding: 'utf8' });
  assert.is.not(compilers.status, 0, 'no compiler and no make reachable');
  assert.is(compilers.stdout.trim(), '');

  const app = path.join(work, 'app');
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

test.after(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

test.run();
