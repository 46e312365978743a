// CPU-side pieces of verify: the table, the exit rule, the installed CLI's exit code, and the
// host data helpers (half conversion, seeded fills). The report below is constructed to exercise
// the formatting; it is not a result from a GPU.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cuda, cudnn } from '../../lib/index';
import { formatVerify, type VerifyReport, type VerifyResult } from '../../lib/cudnn/verify';
import { floatToHalfBits, fromHalf, halfBitsToFloat, toHalf } from '../../lib/cuda/half';
import { seededSigned } from '../../lib/philox/seeded-fill';
import { Philox } from '../../lib/philox/philox';
import { runChild } from '../helpers/child';
import { requires } from '../helpers/require';

function result(over: Partial<VerifyResult>): VerifyResult {
  return {
    shape: 'atomics',
    direction: 'backwardFilter',
    algo: 1,
    name: 'ALGO_1',
    status: 'ok',
    runs: 3,
    distinct: 1,
    claimed: 'deterministic',
    documentedDeterministic: true,
    reproducible: true,
    timeMs: 1.25,
    findTimeMs: 1.1,
    workspaceBytes: 0,
    hashes: ['0123456789abcdef'],
    detail: null,
    ...over,
  };
}

test('formatVerify: one row per algorithm with status, runs, distinct outputs and the claim', () => {
  const report: VerifyReport = {
    schema: 1,
    ok: false,
    device: 0,
    repeats: 3,
    cudnnVersion: '9.x',
    fill: 'philox',
    shapes: [],
    results: [
      result({}),
      result({ algo: 0, name: 'ALGO_0', claimed: 'non-deterministic', documentedDeterministic: false, distinct: 3, reproducible: false }),
      result({ algo: 5, name: 'WINOGRAD_NONFUSED', status: 'not supported', runs: 0, distinct: 0, reproducible: null, timeMs: null, claimed: 'unknown' }),
      result({ algo: 2, name: 'FFT', status: 'workspace too large', runs: 0, distinct: 0, reproducible: null, timeMs: null }),
      result({ algo: 6, name: 'FFT_TILING', distinct: 2, reproducible: false }),
    ],
    failures: ['atomics backwardFilter FFT_TILING: 2 distinct outputs in 3 runs'],
    algorithmNames: cudnn.algorithmNames,
  };
  const text = formatVerify(report);
  const lines = text.split('\n');
  assert.match(lines[0], 'cuDNN 9.x on device 0, 3 runs per algorithm');
  assert.match(text, /atomics\s+backwardFilter\s+1 ALGO_1\s+reproducible\s+3\s+1\s+deterministic\s+deterministic\s+1\.250/);
  assert.match(text, /0 ALGO_0\s+DIFFERS\s+3\s+3\s+non-deterministic\s+atomics/);
  assert.match(text, /5 WINOGRAD_NONFUSED\s+not supported\s+0\s+-\s+unknown/);
  assert.match(text, /2 FFT\s+workspace too large/);
  assert.match(text, 'NOT reproducible although cuDNN calls them deterministic:\n  atomics backwardFilter FFT_TILING');
  assert.match(formatVerify({ ...report, ok: true, failures: [] }), 'Every algorithm cuDNN calls deterministic gave bit-identical outputs.');
});

requires('cudart', !cudnn.isAvailable() || !cuda.isAvailable(), 'cuDNN and a GPU are present: verify would run for real (test/gpu covers it)')(
  'the CLI exits 2 without cuDNN or a GPU and says so in --json',
  () => {
    const r = runChild(`require('./lib/cli').main(['verify', '--json']).then((c) => { process.exitCode = c; });`);
    assert.is(r.status, 2, r.stderr);
    assert.is((JSON.parse(r.stdout) as { ok: boolean }).ok, false);
  },
);

test('half conversion rounds to nearest even and round-trips every half', () => {
  assert.is(floatToHalfBits(1), 0x3c00);
  assert.is(floatToHalfBits(-2), 0xc000);
  assert.is(floatToHalfBits(65504), 0x7bff);
  assert.is(floatToHalfBits(65520), 0x7c00); // halfway to the next binade rounds to even: infinity
  assert.is(floatToHalfBits(1 + 2 ** -11), 0x3c00); // tie, even mantissa kept
  assert.is(floatToHalfBits(1 + 3 * 2 ** -11), 0x3c02); // tie, odd mantissa rounds up
  assert.is(floatToHalfBits(2 ** -24), 0x0001);
  assert.is(floatToHalfBits(2 ** -25), 0x0000); // tie with 0 goes to even
  assert.is(floatToHalfBits(1.5 * 2 ** -25), 0x0001);
  assert.is(floatToHalfBits(NaN) & 0x7e00, 0x7e00);
  for (let h = 0; h < 0x10000; h++) {
    const v = halfBitsToFloat(h);
    if (Number.isNaN(v)) continue;
    assert.is(floatToHalfBits(v), h, `half 0x${h.toString(16)}`);
  }
  assert.equal(Array.from(fromHalf(toHalf([0.5, -0.25]))), [0.5, -0.25]);
});

test('seeded fills: the Philox stream mapped to (-1, 1]', () => {
  const a = seededSigned(7n, 0, 1001);
  const b = seededSigned(7n, 0, 1001);
  assert.equal(Array.from(a.values), Array.from(b.values));
  assert.ok(a.values.every((v) => v > -1 && v <= 1));
  const u = new Philox(7n, 0n).uniform(1001);
  assert.equal(Array.from(a.values), Array.from(u, (x) => Math.fround(2 * x - 1)));
  const c = seededSigned(7n, 1 << 28, 1001);
  assert.not.equal(Array.from(a.values.subarray(0, 8)), Array.from(c.values.subarray(0, 8)));
  assert.is(a.source, 'philox');
});

test.run();
