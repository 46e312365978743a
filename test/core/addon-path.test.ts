// Which .node file is loaded: SEED_EVERYTHING_ADDON must be an absolute .node path, and nothing
// else in the environment (node-gyp-build's SEED_EVERYTHING_PREBUILD, npm_config_arch) moves the
// search away from the package's own build/ and prebuilds/ folders.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root } from '../helpers/child';
import { addonInfo } from '../../lib/core/binding';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'se-addon-path-'));
const realAddon = addonInfo().path;

// Reports the load outcome and every mapped file under `work`: a file that was dlopen()ed, even
// briefly, leaves its constructor's side effects; one still mapped shows in /proc/self/maps.
const probe = `
  const api = require(${JSON.stringify(path.join(root, 'lib', 'index'))});
  const out = {};
  try { api.cuda.isAvailable(); out.loaded = require(${JSON.stringify(path.join(root, 'lib', 'core', 'binding'))}).addonInfo(); }
  catch (e) { out.error = { code: e.code, message: e.message, name: e.constructor.name }; }
  out.doctor = api.doctor().addon;
  out.mapped = require('fs').readFileSync('/proc/self/maps', 'utf8').split('\\n').filter((l) => l.includes(${JSON.stringify(work)})).length;
  console.log(JSON.stringify(out));`;

interface Out {
  loaded?: { path: string; kind: string };
  error?: { code: string; message: string; name: string };
  doctor: { loaded: boolean; error: string | null; kind: string | null };
  mapped: number;
}

function run(env: Record<string, string>, cwd = work): Out {
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', probe], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60000,
  });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Out;
}

test('a relative SEED_EVERYTHING_ADDON is refused with ERR_ADDON_PATH; the file in the current folder is never opened', () => {
  fs.copyFileSync(realAddon, path.join(work, 'rel.node'));
  for (const value of ['rel.node', './rel.node', `../${path.basename(work)}/rel.node`]) {
    const out = run({ SEED_EVERYTHING_ADDON: value });
    assert.is(out.error?.code, 'ERR_ADDON_PATH', value);
    assert.is(out.error?.name, 'Error');
    assert.match(out.error!.message, /must be the absolute path of a \.node file/);
    assert.ok(out.error!.message.includes(JSON.stringify(value)));
    assert.is(out.mapped, 0, `${value}: nothing under the current folder was mapped`);
    assert.is(out.doctor.loaded, false);
    assert.match(out.doctor.error!, /SEED_EVERYTHING_ADDON must be the absolute path/);
  }
});

test('an absolute SEED_EVERYTHING_ADDON that is not a .node file is refused before anything runs', () => {
  const script = path.join(work, 'not-an-addon.js');
  const marker = path.join(work, 'ran');
  fs.writeFileSync(script, `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x');\n`);
  const out = run({ SEED_EVERYTHING_ADDON: script });
  assert.is(out.error?.code, 'ERR_ADDON_PATH');
  assert.is(fs.existsSync(marker), false, 'the script did not run');
});

test('an absolute SEED_EVERYTHING_ADDON is loaded as the override', () => {
  const file = path.join(work, 'copy', 'seed_everything.node');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(realAddon, file);
  const out = run({ SEED_EVERYTHING_ADDON: file });
  assert.equal(out.loaded, { path: file, kind: 'override' });
  assert.is(out.doctor.kind, 'override');
  assert.ok(out.mapped > 0, 'the copy is mapped');
});

test("node-gyp-build's SEED_EVERYTHING_PREBUILD and npm_config_arch do not move the search", () => {
  const elsewhere = path.join(work, 'elsewhere');
  for (const sub of ['build/Release', `prebuilds/${process.platform}-${process.arch}`, 'prebuilds/linux-arm64']) {
    fs.mkdirSync(path.join(elsewhere, sub), { recursive: true });
    fs.copyFileSync(realAddon, path.join(elsewhere, sub, 'other.node'));
  }
  const out = run({ SEED_EVERYTHING_PREBUILD: elsewhere, npm_config_arch: 'arm64', PREBUILDS_ONLY: '1' }, root);
  assert.equal(out.loaded, addonInfo());
  assert.is(out.mapped, 0, 'nothing from SEED_EVERYTHING_PREBUILD was mapped');
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));
test.run();
