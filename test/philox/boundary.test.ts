// The whole 64-bit offset space, against libcurand's host generator: offsets near 0, 2^32, 2^62
// and within a few thousand of 2^64, counts that end just below, at and past 2^64, every kind,
// sync, async and on several threads, split into successive calls. Each case runs in a child
// process under a time limit (bounded.ts), so a fill that never returns fails its case instead of
// stalling the run.
import { recordPropertyCases, test } from '../helpers/test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { join } from 'node:path';
import { curand } from '../../lib/index';
import { philoxSimdSupported, type PhiloxSimd } from '../../lib/philox/philox';
import { SEED } from '../helpers/fuzz';
import { requires } from '../helpers/require';
import { runBounded } from './bounded';
import type { BoundaryCase } from '../programs/philox/boundary-child';
import { KINDS, type Kind } from './streams';

const it = requires('curand', curand.isAvailable(), 'libcurand.so.10 cannot be loaded (Debian: apt-get install libcurand10 from non-free)');

const TWO64 = 1n << 64n;
const NEAR = 5000;
const CENTERS = [0n, 1n << 32n, 1n << 62n, TWO64];
const LIMIT_MS = 30000;
const SIMD = (['scalar', 'avx2', 'avx512'] as PhiloxSimd[]).filter((s) => philoxSimdSupported(s));
const CHILD = join(__dirname, '..', 'programs', 'philox', 'boundary-child.ts');

/** Splits `total` at `cuts` (fractions) into successive call counts, none empty. */
function split(total: number, cuts: number[]): number[] {
  const points = [...new Set(cuts.map((f) => Math.floor(f * total)).filter((x) => x > 0 && x < total))].sort((a, b) => a - b);
  return [...points, total].map((x, i, all) => x - (i ? all[i - 1] : 0));
}

// Offsets within NEAR of each center (below 2^64 for the last); the end of the draw just below,
// at or past the center when the offset is below it, else anywhere within NEAR.
const arbitraryCase = fc
  .record({
    kind: fc.constantFrom<Kind>(...KINDS),
    seed: fc.oneof(fc.constantFrom(0n, 11n, (1n << 32n) - 1n, TWO64 - 1n), fc.bigInt({ min: 0n, max: TWO64 - 1n })),
    center: fc.nat(CENTERS.length - 1),
    delta: fc.integer({ min: -NEAR, max: NEAR }),
    end: fc.oneof(fc.integer({ min: -3, max: -1 }), fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: NEAR })),
    free: fc.integer({ min: 1, max: NEAR }),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 2 }),
    async: fc.boolean(),
    simd: fc.nat(SIMD.length - 1),
  })
  .map((r): BoundaryCase => {
    const c = CENTERS[r.center];
    let offset = c + BigInt(r.delta);
    if (offset < 0n) offset = -offset;
    if (offset >= TWO64) offset = TWO64 - 1n - (offset - TWO64);
    const end = c + BigInt(r.end);
    const total = end > offset ? Number(end - offset) : r.free;
    return { kind: r.kind, seed: String(r.seed), offset: String(offset), calls: split(total, r.cuts), mode: r.async ? 'async' : 'sync', simd: SIMD[r.simd] };
  });

// Every kind at a grid of starts just below 2^64 and ends just below, at and past it.
function grid(): BoundaryCase[] {
  const cases: BoundaryCase[] = [];
  let i = 0;
  for (const kind of KINDS) {
    for (const below of [1, 2, 3, 4, 5, 8, 4099]) {
      for (const end of [-3, -1, 0, 1, 4, 37]) {
        const total = below + end;
        if (total < 1) continue;
        const calls = i % 3 === 0 ? [total] : split(total, [0.5]);
        cases.push({ kind, seed: String(9n + BigInt(i % 5)), offset: String(TWO64 - BigInt(below)), calls, mode: i % 2 ? 'async' : 'sync', simd: SIMD[i % SIMD.length] });
        i++;
      }
    }
  }
  return cases;
}

// Fills large enough to be split over threads (and across the 65536-group windows of the double
// layout) that cross 2^64.
function large(): BoundaryCase[] {
  const cases: BoundaryCase[] = [];
  for (const kind of KINDS) {
    for (const [below, past] of [
      [(1 << 17) + 3, 1 << 17],
      [(1 << 18) - 1, 5],
    ]) {
      const total = below + past;
      for (const mode of ['threads', 'async'] as const) {
        cases.push({ kind, seed: '77', offset: String(TWO64 - BigInt(below)), calls: mode === 'async' ? split(total, [0.3, 0.6]) : [total], mode, simd: SIMD[SIMD.length - 1] });
      }
    }
  }
  return cases;
}

async function runAll(name: string, cases: BoundaryCase[]): Promise<void> {
  const t0 = Date.now();
  const outcomes = await runBounded(CHILD, cases, LIMIT_MS);
  const failed = outcomes.filter((o) => !o.ok);
  const slowest = Math.max(...outcomes.map((o) => o.ms));
  console.log(`  ${name}: ${cases.length} cases in ${Date.now() - t0} ms (slowest ${slowest} ms, limit ${LIMIT_MS} ms each)`);
  for (const f of failed.slice(0, 10)) console.log(`  FAILED ${JSON.stringify(cases[f.index])}: ${f.detail}`);
  assert.is(outcomes.length, cases.length, 'every case reported');
  assert.is(failed.length, 0, `${failed.length} of ${cases.length} cases failed`);
}

const RANDOM_CASES = 240;
let propertyCases = 0;

it('the grid below 2^64: every kind, ends just below, at and past 2^64, sync and async, one call or two', async () => {
  const cases = grid();
  await runAll('grid', cases);
});

it(`${RANDOM_CASES} drawn cases near 0, 2^32, 2^62 and 2^64: successive calls equal libcurand's`, async () => {
  const cases = fc.sample(arbitraryCase, { seed: SEED, numRuns: RANDOM_CASES });
  for (const center of CENTERS) assert.ok(cases.some((c) => BigInt(c.offset) - center < BigInt(NEAR) && center - BigInt(c.offset) <= BigInt(NEAR)), `cases near ${center}`);
  await runAll('drawn', cases);
  propertyCases += cases.length;
});

it('threaded and async fills of 2^17..2^18 elements across 2^64 equal libcurand', async () => {
  const cases = large();
  await runAll('large', cases);
});

test.after(() => {
  console.log(`fast-check cases run in philox/boundary: ${propertyCases} (seed ${SEED})`);
  recordPropertyCases(propertyCases);
});
test.run();
