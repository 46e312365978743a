// "No driver" and "driver too old" are told apart everywhere: the CUDA runtime answers
// cudaErrorInsufficientDriver to both, so doctor's verdict, verify and the ERR_CUDA_* codes look at
// whether libcuda.so.1 itself loaded.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runChild } from '../helpers/child';
import { systemHas } from '../helpers/machine';
import { requires } from '../helpers/require';
import { buildStub, hasCompiler, stubLibrarySource } from '../helpers/stub-library';
import { cudaErrorCode } from '../../lib/core/errors';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'se-driver-'));

// What each command says, and the codes of a call that needs a device.
const probe = `
  const api = require('./lib/index');
  const { main } = require('./lib/cli/index');
  let err; try { new api.cuda.DeviceBuffer(16); } catch (e) { err = { code: e.code, reason: e.reason, message: e.message, cause: e.cause && e.cause.code }; }
  const text = api.formatDoctor(api.doctor());
  const lines = [];
  const write = process.stderr.write;
  process.stderr.write = (chunk) => (lines.push(String(chunk)), true);
  main(['verify']).then((code) => {
    process.stderr.write = write;
    console.log(JSON.stringify({ err, first: text.split('\\n')[0], text, verify: { code, out: lines.join('\\n') } }));
  });`;

interface Out {
  err: { code: string; reason: string; message: string; cause: string };
  first: string;
  text: string;
  verify: { code: number; out: string };
}

test('cudaErrorCode: cudaErrorInsufficientDriver is NO_DRIVER without a loaded driver, INSUFFICIENT_DRIVER with one', () => {
  assert.is(cudaErrorCode('cudaErrorInsufficientDriver', false), 'ERR_CUDA_NO_DRIVER');
  assert.is(cudaErrorCode('cudaErrorInsufficientDriver', true), 'ERR_CUDA_INSUFFICIENT_DRIVER');
  assert.is(cudaErrorCode('cudaErrorInsufficientDriver'), 'ERR_CUDA_INSUFFICIENT_DRIVER');
  assert.is(cudaErrorCode('cudaErrorMemoryAllocation', false), 'ERR_CUDA_MEMORY_ALLOCATION');
});

requires('cudart', systemHas('libcudart.so.13') && !systemHas('libcuda.so.1'), 'needs libcudart.so.13 without libcuda.so.1 (the CI machine)')(
  'no driver at all: doctor, verify and the error say "no NVIDIA driver", never "insufficient"',
  () => {
    const r = runChild(probe);
    assert.is(r.status, 0, r.stderr);
    const out = r.json<Out>();
    const curand = systemHas('libcurand.so.10') ? 'yes' : 'no';
    assert.is(out.first, `GPU: no — no NVIDIA driver (libcuda.so.1 not found); CPU generators: yes; host cuRAND: ${curand}`);
    assert.match(out.text, /CUDA\s+unavailable: no NVIDIA driver \(libcuda\.so\.1 not found\) \(runtime: cudaErrorInsufficientDriver\)/);
    assert.is(out.err.code, 'ERR_CUDA_UNAVAILABLE');
    assert.is(out.err.reason, 'no-driver');
    assert.is(out.err.cause, 'ERR_CUDA_NO_DRIVER');
    assert.match(out.err.message, /CUDA is not available: no NVIDIA driver \(libcuda\.so\.1 not found\)\./);
    assert.is(out.verify.code, 2);
    assert.match(out.verify.out, /no NVIDIA driver \(libcuda\.so\.1 not found\)/);
    for (const said of [out.first, out.err.message, out.verify.out]) assert.not.match(said, /insufficient/i);
  },
);

// Stand-ins in the override folder: a driver that loads and reports CUDA 11.4, and a CUDA 13
// runtime that, as the real one does then, answers cudaErrorInsufficientDriver.
requires('compiler', hasCompiler, 'no g++ to build the stand-in driver and runtime')(
  'a driver older than the runtime: doctor, verify and the error say the driver is too old',
  () => {
    const dir = path.join(work, 'old-driver');
    buildStub(
      dir,
      'libcuda.so.1',
      stubLibrarySource(
        'cuda',
        999,
        `extern "C" int cuInit(unsigned) { return 0; }
extern "C" int cuDriverGetVersion(int* v) { *v = 11040; return 0; }
extern "C" int cuDeviceGetCount(int* n) { *n = 0; return 0; }
`,
      ),
    );
    buildStub(
      dir,
      'libcudart.so.13',
      stubLibrarySource(
        'cudart',
        35,
        `extern "C" int cudaGetDeviceCount(int* n) { *n = 0; return 35; }
extern "C" int cudaRuntimeGetVersion(int* v) { *v = 13000; return 0; }
extern "C" int cudaDriverGetVersion(int* v) { *v = 11040; return 0; }
extern "C" const char* cudaGetErrorName(int e) { return e == 35 ? "cudaErrorInsufficientDriver" : "cudaErrorUnknown"; }
extern "C" const char* cudaGetErrorString(int) { return "CUDA driver version is insufficient for CUDA runtime version"; }
`,
      ),
    );
    const r = runChild(probe, { SEED_EVERYTHING_CUDA_PATH: dir });
    assert.is(r.status, 0, r.stderr);
    const out = r.json<Out>();
    const tooOld = 'the NVIDIA driver (CUDA 11.4) is older than the CUDA 13.0 runtime needs';
    assert.ok(out.first.startsWith(`GPU: no — ${tooOld}`), out.first);
    assert.match(out.first, /; CPU generators: yes; host cuRAND: (yes|no)$/);
    assert.ok(out.text.includes(`unavailable: ${tooOld}`), out.text);
    assert.is(out.err.reason, 'driver-too-old');
    assert.is(out.err.cause, 'ERR_CUDA_INSUFFICIENT_DRIVER');
    assert.ok(out.err.message.includes(tooOld), out.err.message);
    assert.ok(out.verify.out.includes(tooOld), out.verify.out);
    for (const said of [out.first, out.err.message, out.verify.out]) assert.not.match(said, /no NVIDIA driver/);
  },
);

test.after(() => fs.rmSync(work, { recursive: true, force: true }));
test.run();
