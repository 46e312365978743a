import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cuda, cudaManualSeedAll } from '../../lib/index';

test('seeding is recorded per device without touching CUDA', () => {
  cuda.manualSeedAll(123);
  assert.is(cuda.initialSeed(), 123n);
  assert.is(cuda.initialSeed(5), 123n);
  cuda.manualSeed(2n ** 64n - 1n, 1);
  assert.is(cuda.initialSeed(1), 2n ** 64n - 1n);
  assert.is(cuda.initialSeed(0), 123n);
  cudaManualSeedAll('run-a');
  assert.is(cuda.initialSeed(1), cuda.initialSeed(0));
});

test('getRngState/setRngState round-trip 16 bytes: seed u64 LE, offset u64 LE', () => {
  cuda.manualSeed(0x0102030405060708n, 3);
  const s = cuda.getRngState(3);
  assert.equal(Array.from(s), [8, 7, 6, 5, 4, 3, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  const next = new Uint8Array(16);
  new DataView(next.buffer).setBigUint64(0, 99n, true);
  new DataView(next.buffer).setBigUint64(8, 40n, true);
  cuda.setRngState(next, 3);
  assert.is(cuda.initialSeed(3), 99n);
  assert.equal(cuda.getRngState(3), next);
});

test('bad states and devices are rejected with codes, state unchanged', () => {
  cuda.manualSeed(7, 0);
  const before = cuda.getRngState(0);
  const cases: [() => unknown, string][] = [
    [() => cuda.setRngState(new Uint8Array(15)), 'ERR_INVALID_RNG_STATE'],
    [() => cuda.setRngState([1, 2] as unknown as Uint8Array), 'ERR_INVALID_ARG_TYPE'],
    [() => cuda.setRngState(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0])), 'ERR_INVALID_RNG_STATE'],
    [() => cuda.manualSeed(1, -1), 'ERR_OUT_OF_RANGE'],
    [() => cuda.manualSeed(1, 1.5), 'ERR_OUT_OF_RANGE'],
    [() => cuda.manualSeed(1, '0' as unknown as number), 'ERR_INVALID_ARG_TYPE'],
    [() => cuda.manualSeed(-1), 'ERR_SEED_NEGATIVE'],
    [() => cuda.initialSeed(1024), 'ERR_OUT_OF_RANGE'],
  ];
  for (const [fn, code] of cases) {
    try {
      fn();
      assert.unreachable(code);
    } catch (err) {
      assert.is((err as { code: string }).code, code);
    }
  }
  assert.equal(cuda.getRngState(0), before);
});

test.run();
