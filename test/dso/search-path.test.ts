// The automatic search (pip wheels found through VIRTUAL_ENV, CONDA_PREFIX, PYTHONPATH, python3 on
// PATH): environment paths are taken literally, a copy there that does not load or lacks symbols
// is passed over for the next candidate, and SEED_EVERYTHING_CUDA_PATH is read once per process.
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runChild } from '../helpers/child';
import { systemHas } from '../helpers/machine';
import { requires } from '../helpers/require';
import { buildStub, curandStubSource, hasCompiler } from '../helpers/stub-library';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'se-search-'));
const test = requires('compiler', hasCompiler, 'no g++ to build the stand-in libraries');
const withSystemCurand = requires('curand', systemHas('libcurand.so.10'), 'the fall-through needs a working system libcurand (Debian libcurand10)');

interface Record {
  loaded: boolean;
  path: string | null;
  origin: string | null;
  version: string | null;
  error: string | null;
  attempts: { path: string; origin: string; error: string | null }[];
}

const probe = `console.log(JSON.stringify(require('./lib/index').libraryRecords()));`;

function records(env: { [name: string]: string | undefined }): { [name: string]: Record } {
  const r = runChild(probe, { SEED_EVERYTHING_CUDA_PATH: undefined, VIRTUAL_ENV: undefined, CONDA_PREFIX: undefined, PYTHONPATH: undefined, ...env });
  assert.is(r.status, 0, r.stderr);
  return r.json();
}

/** prefix/lib/python3.11/site-packages/nvidia/curand/lib/libcurand.so.10 built from `source`. */
function wheel(prefix: string, source: string | null, site = 'lib/python3.11/site-packages'): string {
  const dir = path.join(prefix, site, 'nvidia', 'curand', 'lib');
  if (source === null) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'libcurand.so.10'), 'not a shared library\n');
    return path.join(dir, 'libcurand.so.10');
  }
  return buildStub(dir, 'libcurand.so.10', source);
}

test('glob characters in VIRTUAL_ENV, CONDA_PREFIX and PYTHONPATH are part of the folder name, not patterns', () => {
  // Only the look-alike folders that a pattern would match hold a library.
  wheel(path.join(work, 'v1'), curandStubSource());
  wheel(path.join(work, 'condaX'), curandStubSource());
  wheel(path.join(work, 'pyA'), curandStubSource(), '.');
  const patterns = { VIRTUAL_ENV: path.join(work, 'v[1]'), CONDA_PREFIX: path.join(work, 'conda?'), PYTHONPATH: path.join(work, 'py*') };
  const rec = records(patterns).curand;
  assert.not.ok(rec.path?.startsWith(work), `loaded ${rec.path}`);
  assert.is(rec.attempts.filter((a) => a.path.startsWith(work)).length, 0, 'no look-alike folder was tried');

  // The folders named literally are searched.
  for (const [name, prefix] of Object.entries(patterns)) {
    const file = wheel(prefix, curandStubSource(), name === 'PYTHONPATH' ? '.' : undefined);
    const got = records({ [name]: prefix }).curand;
    assert.is(got.path, file, name);
    assert.is(got.origin, 'pip');
    assert.is(got.version, '10.9.99');
    fs.rmSync(file);
  }
});

withSystemCurand('a broken pip copy found through python3 on PATH falls through to the system libcurand', () => {
  const missingSymbols = path.join(work, 'venv-partial');
  const notElf = path.join(work, 'venv-garbage');
  const partial = wheel(missingSymbols, 'extern "C" int curandGetVersion(int* v) { *v = 10305; return 0; }\n');
  const garbage = wheel(notElf, null);
  for (const prefix of [missingSymbols, notElf]) {
    fs.mkdirSync(path.join(prefix, 'bin'), { recursive: true });
    fs.writeFileSync(path.join(prefix, 'bin', 'python3'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  }
  const rec = records({ PATH: `${missingSymbols}/bin:${notElf}/bin:${process.env.PATH}` }).curand;
  assert.is(rec.loaded, true, rec.error ?? '');
  assert.is(rec.origin, 'system');
  assert.is(rec.error, null);
  assert.match(rec.version!, /^10\./);
  const tried = new Map(rec.attempts.map((a) => [a.path, a]));
  assert.match(tried.get(partial)!.error!, /missing required symbol curand\w+ in .*venv-partial/);
  assert.is(tried.get(partial)!.origin, 'pip');
  assert.match(tried.get(garbage)!.error!, /invalid ELF header|file too short/);
  assert.is(rec.attempts[rec.attempts.length - 1].error, null, 'the last attempt is the one loaded');
});

test('every candidate broken: the record says no usable copy and why the last one failed', () => {
  const prefix = path.join(work, 'venv-only-broken');
  wheel(prefix, 'extern "C" int curandGetVersion(int* v) { *v = 1; return 0; }\n');
  const rec = records({ VIRTUAL_ENV: prefix, LD_LIBRARY_PATH: '' }).curand;
  if (rec.loaded) {
    assert.is(rec.origin, 'system', 'only a working system copy may win');
  } else {
    assert.match(rec.error!, /no usable copy in \d+ location\(s\); last: missing required symbol/);
  }
});

test('SEED_EVERYTHING_CUDA_PATH is read once: libraries loaded later keep the first answer', () => {
  // cuda.isAvailable() loads libcudart alone. Garbage first: it fails now; the variable is then
  // removed, and the libraries loaded after that still fail with the same reason.
  const r = runChild(
    `const api = require('./lib/index');
     const first = api.cuda.isAvailable();
     delete process.env.SEED_EVERYTHING_CUDA_PATH;
     const recs = api.libraryRecords();
     console.log(JSON.stringify({ first, errors: Object.values(recs).map((x) => x.error) }));`,
    { SEED_EVERYTHING_CUDA_PATH: 'relative/lib' },
  );
  assert.is(r.status, 0, r.stderr);
  const out = r.json<{ first: boolean; errors: string[] }>();
  assert.is(out.first, false);
  assert.is(out.errors.length, 4);
  for (const e of out.errors) assert.match(e, /'relative\/lib' is not an absolute path/);

  // And the other way round: unset first, garbage later changes nothing.
  const dir = path.join(work, 'override-later');
  buildStub(dir, 'libcurand.so.10', curandStubSource());
  const later = runChild(
    `const api = require('./lib/index');
     api.cuda.isAvailable();
     process.env.SEED_EVERYTHING_CUDA_PATH = ${JSON.stringify(dir)};
     const rec = api.libraryRecords().curand;
     console.log(JSON.stringify({ path: rec.path, attempts: rec.attempts.map((a) => a.origin) }));`,
    { SEED_EVERYTHING_CUDA_PATH: undefined },
  );
  assert.is(later.status, 0, later.stderr);
  const rec = later.json<{ path: string | null; attempts: string[] }>();
  assert.is.not(rec.path, path.join(dir, 'libcurand.so.10'));
  assert.not.ok(rec.attempts.includes('override'));
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));
test.run();
