// Fault injection through SEED_EVERYTHING_CUDA_PATH: broken libraries and unreadable folders give
// a coded error when used, doctor says why, and the rest of the package keeps working.
// (A non-ELF file and garbage in the variable are in override.test.ts.)
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Philox } from '../../lib/index';
import { runChild } from '../helpers/child';
import { requires } from '../helpers/require';
import { buildStub, hasCompiler, librarySymbols, stubLibrarySource } from '../helpers/stub-library';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'se-faults-'));
const test = requires('compiler', hasCompiler, 'no g++ to build the stand-in CUDA libraries');

// After the failure: the library's code when used, doctor's record, and proof that the CPU side works.
const probe = (lib: 'curand' | 'cudart') => `
  const api = require('./lib/index');
  const out = { record: api.doctor().libraries.${lib} };
  try { ${lib === 'curand' ? "new api.curand.Generator('PHILOX4_32_10', { seed: 1 }).generate(4)" : 'new api.cuda.DeviceBuffer(16)'}; out.used = 'ok'; }
  catch (e) { out.used = { code: e.code, message: e.message, name: e.constructor.name }; }
  out.philox = Array.from(new api.Philox(1n).uint32(2));
  out.py = new api.PyRandom(11).randint(1, 100);
  out.available = api.${lib === 'curand' ? 'curand' : 'cuda'}.isAvailable();
  console.log(JSON.stringify(out));`;

interface Out {
  record: { loaded: boolean; error: string | null; attempts: { path: string; origin: string; error: string | null }[] };
  used: 'ok' | { code: string; message: string; name: string };
  philox: number[];
  py: number;
  available: boolean;
}

function stillWorks(out: Out): void {
  assert.equal(out.philox, Array.from(new Philox(1n).uint32(2)), 'Philox draws as without the fault');
  assert.is(out.py, 58, 'random.seed(11); randint(1, 100) is 58');
  assert.is(out.available, false);
}

test('a libcurand.so.10 that exports only curandGetVersion: ERR_LIBRARY_LOAD naming the missing symbol', () => {
  const dir = path.join(work, 'curand-partial');
  buildStub(dir, 'libcurand.so.10', 'extern "C" int curandGetVersion(int* v) { *v = 10305; return 0; }\n');
  const r = runChild(probe('curand'), { SEED_EVERYTHING_CUDA_PATH: dir });
  assert.is(r.status, 0, r.stderr);
  const out = r.json<Out>();
  assert.is(out.record.loaded, false);
  assert.match(out.record.error!, /missing required symbol curand\w+ in .*libcurand\.so\.10/);
  const used = out.used as { code: string; message: string };
  assert.is(used.code, 'ERR_LIBRARY_LOAD');
  assert.match(used.message, /missing required symbol/);
  stillWorks(out);
});

test('a libcudnn.so.8 without the optional cudnnGetErrorString loads; one without a required symbol does not', () => {
  const { required, optional } = librarySymbols('cudnn');
  assert.ok(optional.includes('cudnnGetErrorString'), optional.join(', '));
  const version = 'extern "C" unsigned long cudnnGetVersion() { return 8907; }\n';
  const full = path.join(work, 'cudnn-8');
  buildStub(full, 'libcudnn.so.8', stubLibrarySource('cudnn', 999, version));
  const loaded = runChild('console.log(JSON.stringify(require("./lib/index").doctor().libraries.cudnn))', { SEED_EVERYTHING_CUDA_PATH: full });
  assert.is(loaded.status, 0, loaded.stderr);
  const record = loaded.json<{ loaded: boolean; version: string | null; error: string | null }>();
  assert.is(record.loaded, true, record.error ?? '');
  assert.is(record.version, '8.9.7');
  const missing = required[required.length - 1];
  const partial = path.join(work, 'cudnn-8-partial');
  // Every required symbol but the last, which the stand-in exports under another name.
  const withoutOne = stubLibrarySource('cudnn', 999, version).replace(`int ${missing}(`, `int ${missing}_absent(`);
  buildStub(partial, 'libcudnn.so.8', withoutOne);
  const refused = runChild('console.log(JSON.stringify(require("./lib/index").doctor().libraries.cudnn))', { SEED_EVERYTHING_CUDA_PATH: partial });
  assert.is(refused.status, 0, refused.stderr);
  const why = refused.json<{ loaded: boolean; error: string | null }>();
  assert.is(why.loaded, false);
  assert.ok(why.error?.includes(`missing required symbol ${missing} in `), why.error ?? '');
});

test('a libcudart.so.13 reporting CUDA 12.0: recorded as unusable, ERR_CUDA_UNAVAILABLE says why', () => {
  const dir = path.join(work, 'cudart-12');
  buildStub(
    dir,
    'libcudart.so.13',
    stubLibrarySource(
      'cudart',
      999,
      `extern "C" int cudaRuntimeGetVersion(int* v) { *v = 12000; return 0; }
extern "C" const char* cudaGetErrorName(int) { return "cudaErrorUnknown"; }
extern "C" const char* cudaGetErrorString(int) { return "stub"; }
`,
    ),
  );
  const r = runChild(probe('cudart'), { SEED_EVERYTHING_CUDA_PATH: dir });
  assert.is(r.status, 0, r.stderr);
  const out = r.json<Out>();
  assert.is(out.record.loaded, false);
  assert.match(out.record.error!, /reports CUDA runtime 12\.0 but its name promises major version 13/);
  const used = out.used as { code: string; message: string };
  assert.is(used.code, 'ERR_CUDA_UNAVAILABLE');
  assert.match(used.message, /12\.0/);
  stillWorks(out);
});

// Tests run as root, for whom chmod 000 denies nothing: a folder is made unreachable instead by
// naming it through a regular file (ENOTDIR) or through a symlink to nowhere.
for (const [label, make] of [
  ['a path through a regular file (ENOTDIR)', () => {
    const file = path.join(work, 'plain-file');
    fs.writeFileSync(file, 'x');
    return path.join(file, 'lib');
  }],
  ['a dangling symlink', () => {
    const link = path.join(work, 'dangling');
    fs.symlinkSync(path.join(work, 'nowhere'), link);
    return link;
  }],
] as const) {
  test(`an unreadable override folder (${label}): every library fails with the reason, the rest works`, () => {
    const folder = make();
    const r = runChild(probe('curand'), { SEED_EVERYTHING_CUDA_PATH: folder });
    assert.is(r.status, 0, r.stderr);
    const out = r.json<Out>();
    assert.match(out.record.error!, new RegExp(`'${folder}' is not an existing folder`));
    assert.is((out.used as { code: string }).code, 'ERR_LIBRARY_LOAD');
    stillWorks(out);
    const doctor = runChild(`require('./lib/cli').main(['doctor']).then((c) => { process.exitCode = c; });`, { SEED_EVERYTHING_CUDA_PATH: folder });
    assert.is(doctor.status, 0, doctor.stderr);
    assert.match(doctor.stdout, /is not an existing folder/);
  });
}

test.after(() => fs.rmSync(work, { recursive: true, force: true }));
test.run();
