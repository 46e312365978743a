import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cuda, doctor, formatDoctor, cudnn, curand } from '../../lib/index';
import { systemHas } from '../helpers/machine';
import { requires } from '../helpers/require';
import { unavailableError } from '../../lib/cuda/devices';

test('doctor() reports without throwing, whatever the machine has', () => {
  const r = doctor();
  assert.is(r.schema, 1);
  assert.is(r.package.name, 'seed-everything');
  assert.is(r.node.version, process.version);
  assert.is(r.node.napi, process.versions.napi);
  assert.ok(r.addon.loaded, 'addon loaded');
  assert.ok(r.addon.kind === 'build' || r.addon.kind === 'prebuild' || r.addon.kind === 'override');
  assert.ok(r.libraries);
  for (const name of ['cuda', 'cudart', 'curand', 'cudnn'] as const) {
    const lib = r.libraries![name];
    assert.is(lib.name, name);
    if (lib.loaded) {
      assert.type(lib.path, 'string');
      assert.type(lib.version, 'string');
      assert.is(lib.error, null);
    } else {
      assert.type(lib.error, 'string');
      assert.ok(lib.attempts.length > 0, `${name}: attempts recorded`);
      for (const a of lib.attempts) assert.type(a.error, 'string');
    }
  }
  const text = formatDoctor(r);
  assert.match(text, /seed-everything .* doctor/);
  assert.match(text, /cudart/);
  JSON.parse(JSON.stringify(r));
});

test('the cuDNN flags are reported as set', () => {
  cudnn.deterministic = true;
  assert.is(doctor().cudnn.deterministic, true);
  cudnn.deterministic = false;
  assert.is(doctor().cudnn.deterministic, false);
});

// This machine kind has the CUDA 13 runtime and no driver: doctor must say exactly that.
const runtimeWithoutDriver = systemHas('libcudart.so.13') && !systemHas('libcuda.so.1');
requires('cudart', runtimeWithoutDriver, 'this check needs libcudart.so.13 without libcuda.so.1 (the CI machine)')(
  'runtime without driver: cudaErrorInsufficientDriver, no devices, nothing throws',
  () => {
    assert.is(cuda.isAvailable(), false);
    assert.is(cuda.deviceCount(), 0);
    const s = cuda.status();
    assert.is(s.runtimeLoaded, true);
    assert.is(s.error, 'cudaErrorInsufficientDriver');
    const r = doctor();
    assert.is(r.libraries!.cudart.loaded, true);
    assert.is(r.libraries!.cudart.soname, 'libcudart.so.13');
    assert.match(r.libraries!.cudart.version!, /^13\./);
    assert.is(r.libraries!.cuda.loaded, false);
    assert.match(r.libraries!.cuda.attempts.map((a) => a.error).join('\n'), /libcuda\.so\.1/);
    assert.is(r.cuda.available, false);
    assert.is(r.cuda.error, 'cudaErrorInsufficientDriver');
    assert.is(r.cuda.driverVersion, null);
    assert.equal(r.cuda.devices, []);
    assert.match(formatDoctor(r), /unavailable: no NVIDIA driver \(libcuda\.so\.1 not found\) \(runtime: cudaErrorInsufficientDriver\)/);
  },
);

requires('curand', systemHas('libcurand.so.10'), 'libcurand10 is not installed (Debian non-free)')(
  'libcurand from the system is found and its version read',
  () => {
    assert.is(curand.isAvailable(), true);
    assert.match(curand.version()!, /^10\.\d+\.\d+$/);
    assert.is(doctor().curand.available, true);
  },
);

requires('cudart', !cuda.isAvailable(), 'a GPU is present: nothing is unavailable')('CUDA errors are coded ERR_CUDA_UNAVAILABLE with the runtime cause', () => {
  const err = unavailableError() as Error & { code: string; cause?: { code: string } };
  assert.is(err.code, 'ERR_CUDA_UNAVAILABLE');
  // Without libcuda.so.1 the runtime's cudaErrorInsufficientDriver means no driver at all.
  if (cuda.status().error === 'cudaErrorInsufficientDriver') {
    assert.is(err.cause!.code, doctor().libraries!.cuda.loaded ? 'ERR_CUDA_INSUFFICIENT_DRIVER' : 'ERR_CUDA_NO_DRIVER');
  }
});

test('the library table: its usual columns, and a long version or name widens its column instead of running into the next', () => {
  const r = JSON.parse(JSON.stringify(doctor())) as ReturnType<typeof doctor>;
  assert.ok(r.libraries, 'the addon loaded');
  const lines = formatDoctor(r).split('\n');
  assert.ok(lines.includes('  library   status     version   from'), lines.join('\n'));
  const libs = r.libraries!;
  libs.cudnn = { ...libs.cudnn, loaded: true, version: '9.10.2.21-long', path: '/x/libcudnn.so.9', origin: 'pip', error: null };
  libs.cuda = { ...libs.cuda, loaded: false, error: 'not found', attempts: [{ path: 'libcuda.so.1', origin: 'system', error: 'gone' }] };
  const text = formatDoctor(r).split('\n');
  const head = text.find((l) => l.startsWith('  library'))!;
  const from = head.indexOf('from');
  const cudnnRow = text.find((l) => l.startsWith('  cudnn '))!;
  assert.is(cudnnRow.slice(from), '/x/libcudnn.so.9 (pip)', cudnnRow);
  assert.match(cudnnRow, /9\.10\.2\.21-long {2}\/x/);
  const tried = text.find((l) => l.includes('tried libcuda.so.1'))!;
  assert.is(tried.indexOf('tried'), from, 'attempts stand under "from"');
  for (const l of text) assert.is(l, l.trimEnd(), 'no trailing spaces');
});

test.run();
