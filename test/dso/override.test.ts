// SEED_EVERYTHING_CUDA_PATH: the override comes first, and a broken override is an error that
// doctor explains, never a silent fall-back to another copy and never a crash.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runChild } from '../helpers/child';

const probe = `
  const { doctor, curand, cuda } = require('./lib/index');
  const out = { doctor: doctor() };
  try { new curand.Generator('PHILOX4_32_10', { seed: 1 }).generate(4); out.used = 'ok'; } catch (e) { out.used = { code: e.code, message: e.message }; }
  out.curandAvailable = curand.isAvailable();
  out.cudaAvailable = cuda.isAvailable();
  cuda.manualSeedAll(5); out.seedAfter = String(cuda.initialSeed());
  console.log(JSON.stringify(out));`;

interface ProbeOut {
  doctor: { libraries: Record<string, { loaded: boolean; error: string | null; attempts: { path: string; origin: string; error: string | null }[] }> };
  used: 'ok' | { code: string; message: string };
  curandAvailable: boolean;
  seedAfter: string;
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'se-override-'));
}

test('a non-ELF libcurand.so.10 in the override folder: coded error, doctor says why, process goes on', () => {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'libcurand.so.10'), 'this is not a shared library\n');
  const r = runChild(probe, { SEED_EVERYTHING_CUDA_PATH: dir });
  assert.is(r.status, 0, r.stderr);
  const out = r.json<ProbeOut>();
  const rec = out.doctor.libraries.curand;
  assert.is(rec.loaded, false);
  assert.match(rec.error!, new RegExp(`SEED_EVERYTHING_CUDA_PATH names ${dir}/libcurand.so.10`));
  const attempt = rec.attempts.find((a) => a.path === `${dir}/libcurand.so.10`)!;
  assert.is(attempt.origin, 'override');
  assert.match(attempt.error!, /invalid ELF header|file too short|not a dynamic/);
  assert.is(typeof out.used, 'object');
  const used = out.used as { code: string; message: string };
  assert.is(used.code, 'ERR_LIBRARY_LOAD');
  assert.match(used.message, /libcurand/);
  assert.match(used.message, /invalid ELF header|file too short/);
  assert.is(out.curandAvailable, false);
  assert.is(out.seedAfter, '5');
  fs.rmSync(dir, { recursive: true });
});

test('an override folder without the library falls through to the normal search', () => {
  const dir = tmpdir();
  const r = runChild(probe, { SEED_EVERYTHING_CUDA_PATH: dir });
  assert.is(r.status, 0, r.stderr);
  const rec = r.json<ProbeOut>().doctor.libraries.curand;
  assert.ok(rec.attempts.some((a) => a.path === `${dir}/libcurand.so.10` && a.error === 'no such file'));
  fs.rmSync(dir, { recursive: true });
});

for (const [label, value, pattern] of [
  ['a relative path', 'relative/lib', /not an absolute path/],
  ['a missing folder', '/nonexistent/seed-everything-test', /not an existing folder/],
  ['control characters', '/tmp\u0001/x', /control character/],
  ['only separators', ':::', /names no folder/],
] as const) {
  test(`garbage in SEED_EVERYTHING_CUDA_PATH (${label}) makes every library fail with the reason`, () => {
    const r = runChild(probe, { SEED_EVERYTHING_CUDA_PATH: value });
    assert.is(r.status, 0, r.stderr);
    const out = r.json<ProbeOut>();
    for (const lib of ['cuda', 'cudart', 'curand', 'cudnn']) {
      assert.is(out.doctor.libraries[lib].loaded, false, lib);
      assert.match(out.doctor.libraries[lib].error!, pattern);
    }
    assert.is((out.used as { code: string }).code, 'ERR_LIBRARY_LOAD');
    assert.is(out.seedAfter, '5');
  });
}

test('the doctor CLI explains the override failure and exits 0', () => {
  const dir = tmpdir();
  fs.writeFileSync(path.join(dir, 'libcurand.so.10'), 'garbage');
  const r = runChild(`require('./lib/cli').main(['doctor']).then((c) => { process.exitCode = c; });`, { SEED_EVERYTHING_CUDA_PATH: dir });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /curand\s+missing/);
  assert.match(r.stdout, new RegExp(`tried ${dir}/libcurand.so.10 \\[override\\]`));
  fs.rmSync(dir, { recursive: true });
});

test.run();
