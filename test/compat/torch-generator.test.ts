// TorchGenerator's own behaviour: its stream, options, capability choice and coded errors. The
// values against real PyTorch: torch-golden.test.ts.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { NumpyRandomState, TorchGenerator, TORCH_DEFAULT_SEED } from '../../lib/compat';
import { torchDefaultCpuCapability } from '../../lib/compat/torch-capability';
import { runChild } from '../helpers/child';
import { throwsCode } from '../helpers/errors';

test('initialSeed keeps the full 64-bit seed while the stream uses the low 32 bits', () => {
  const g = new TorchGenerator(2n ** 32n + 5n);
  assert.is(g.initialSeed(), 2n ** 32n + 5n);
  assert.is(g.random(), new TorchGenerator(5).random());
  assert.is(new TorchGenerator().initialSeed(), TORCH_DEFAULT_SEED);
  assert.is(new TorchGenerator(-1).initialSeed(), 2n ** 64n - 1n);
});

test('same stream as NumpyRandomState for a 32-bit seed', () => {
  const t = new TorchGenerator(123);
  const n = new NumpyRandomState(123);
  const expected = Array.from(n.randint(0, 2 ** 32, 50));
  assert.equal(Array.from({ length: 50 }, () => t.random()), expected);
});

test('coded errors', () => {
  const g = new TorchGenerator(0);
  throwsCode(() => g.manualSeed(2n ** 64n), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => g.manualSeed(1.5), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => g.randint(5, 5, 1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => g.rand(-1), RangeError, 'ERR_OUT_OF_RANGE');
});

test('options: cpuCapability is validated, read once, and unknown keys are refused', () => {
  for (const cap of ['default', 'avx2', 'avx512'] as const) assert.is(new TorchGenerator(1, { cpuCapability: cap }).cpuCapability, cap);
  throwsCode(() => new TorchGenerator(1, { cpuCapability: 'sse4' as never }), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new TorchGenerator(1, { cpuCapability: 'AVX2' as never }), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new TorchGenerator(1, { cpuCapability: 2 as never }), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => new TorchGenerator(1, { cpuCapabilty: 'avx2' } as never), TypeError, 'ERR_UNKNOWN_OPTION');
  throwsCode(() => new TorchGenerator(1, 'avx2' as never), TypeError, 'ERR_INVALID_ARG_TYPE');
  let reads = 0;
  const flipping = {
    get cpuCapability() {
      reads++;
      return reads === 1 ? 'default' : 'bogus';
    },
  };
  const g = new TorchGenerator(3, flipping as never);
  assert.is(reads, 1);
  assert.is(g.cpuCapability, 'default');
  assert.equal(Array.from(g.randn(20)), Array.from(new TorchGenerator(3, { cpuCapability: 'default' }).randn(20)));
});

test("capability choice follows torch 1.13: a valid ATEN_CPU_CAPABILITY, else AVX2+FMA -> avx2, never avx512 by itself", () => {
  assert.is(torchDefaultCpuCapability(undefined, () => true), 'avx2');
  assert.is(torchDefaultCpuCapability(undefined, () => false), 'default');
  assert.is(torchDefaultCpuCapability('avx512', () => false), 'avx512');
  assert.is(torchDefaultCpuCapability('default', () => true), 'default');
  assert.is(torchDefaultCpuCapability('avx2', () => false), 'avx2');
  for (const ignored of ['', 'AVX2', 'sse', 'avx512 ']) assert.is(torchDefaultCpuCapability(ignored, () => true), 'avx2', ignored);
});

test('the default on this machine: what /proc/cpuinfo says torch picks, and the override in a child process', () => {
  const flags = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1].trim().split(/\s+/) ?? [];
  const expected = flags.includes('avx2') && flags.includes('fma') ? 'avx2' : 'default';
  const code = `const { TorchGenerator } = require('./lib/compat'); console.log(JSON.stringify(new TorchGenerator(0).cpuCapability));`;
  for (const [env, want] of [[undefined, expected], ['default', 'default'], ['avx512', 'avx512'], ['bogus', expected]] as const) {
    const r = runChild(code, { ATEN_CPU_CAPABILITY: env });
    assert.is(r.status, 0, r.stderr);
    assert.is(r.json(), want, `ATEN_CPU_CAPABILITY=${env}`);
  }
});

test('normal(n, mean, std): coded errors for what torch refuses, defaults to randn', () => {
  const g = new TorchGenerator(0);
  throwsCode(() => g.normal(3, 0, -1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => g.normal(3, 0, NaN), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => g.normal(20, 0, -0.5), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => g.normal(3, '1' as never, 1), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => g.normal(3, 0, 1n as never), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => g.normal(-1, 0, 1), RangeError, 'ERR_OUT_OF_RANGE');
  for (const n of [5, 40]) assert.equal(Array.from(new TorchGenerator(9).normal(n)), Array.from(new TorchGenerator(9).randn(n)));
  assert.equal(Array.from(g.normal(0, 1, 2)), []);
  assert.ok(new TorchGenerator(2).normal(64, 5, 0).every((v) => v === 5));
});

test.run();
