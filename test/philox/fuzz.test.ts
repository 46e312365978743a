// Hostile input to Philox and curand.Generator: only coded errors come out, and a rejected call
// leaves the stream exactly where it was.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { Philox, curand, philoxSimd, philoxSimdSupported } from '../../lib/index';
import { PHILOX_POSITION_LIMIT } from '../../lib/philox/philox';
import { assertCoded, check, hostile, outcome, outcomeAsync, printTotal, quietly, reentrant, same, views } from '../helpers/fuzz';
import { requires } from '../helpers/require';

const SYNC = ['uint32', 'uniform', 'uniformDouble', 'normal', 'normalDouble', 'logNormal', 'logNormalDouble'] as const;
const ASYNC = SYNC.map((m) => `${m}Async` as const);
type Method = (typeof SYNC)[number] | (typeof ASYNC)[number];

class LyingFloat32Array extends Float32Array {
  override get length(): number {
    return 1_000_000;
  }
}

const next = (p: Philox) => Array.from(p.uint32(4));

test('Philox: constructor and offset setter reject hostile seeds and offsets with coded errors', async () => {
  await check(
    fc.property(hostile, hostile, (seed, offset) => {
      outcome('new Philox', () => new Philox(seed as never, offset as never));
      const p = new Philox(3n, 8n);
      const before = p.getState();
      if (outcome('offset setter', () => ((p as { offset: unknown }).offset = offset)) === 'threw') same(p.getState(), before, 'offset unchanged');
      outcome('Philox.fromState', () => Philox.fromState({ seed: seed, offset: offset, anchor: '0' } as never));
    }),
    1500,
  );
});

test('Philox: every fill rejects hostile outputs and parameters and leaves the stream unmoved', async () => {
  const arg = fc.oneof(hostile, views, fc.constant(new LyingFloat32Array(4)));
  await check(
    fc.asyncProperty(fc.constantFrom<Method>(...SYNC, ...ASYNC), arg, hostile, hostile, fc.boolean(), async (method, out, mean, std, extra) => {
      const p = new Philox(42n, 4n);
      const before = p.getState();
      const args = extra ? [out, mean, std] : [out];
      const call = () => (p[method] as (...a: unknown[]) => unknown)(...args);
      const result = method.endsWith('Async') ? await outcomeAsync(method, call) : outcome(method, call);
      if (result === 'threw') {
        same(p.getState(), before, `${method}: state unchanged after a rejected call`);
        assert.equal(next(p), next(Philox.fromState(before)), `${method}: the stream continues as if the call never happened`);
      } else {
        // Whatever was accepted advanced the offset by exactly what it wrote.
        const written = typeof out === 'number' ? out : (Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'length')!.get!.call(out) as number);
        assert.is(p.offset, 4n + BigInt(written), `${method}: offset advanced by the elements written`);
      }
    }),
    2500,
  );
});

test('Philox: every state fromState accepts keeps working up to the end of the stream, 2^65', async () => {
  const near = (c: bigint) => fc.bigInt({ min: c - 5000n, max: c + 5000n });
  const position = fc.oneof(near(0n).map((v) => (v < 0n ? -v : v)), near(1n << 32n), near(1n << 62n), near(1n << 64n), near(PHILOX_POSITION_LIMIT));
  await check(
    fc.asyncProperty(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), position, position, fc.constantFrom<Method>(...SYNC, ...ASYNC), fc.nat(9), async (seed, offset, anchor, method, n) => {
      const state = { seed: String(seed), offset: String(offset), anchor: String(anchor) };
      let p: Philox;
      try {
        p = Philox.fromState(state);
      } catch (err) {
        assertCoded(err, 'Philox.fromState');
        assert.ok(offset > PHILOX_POSITION_LIMIT || anchor >= 1n << 64n, `refused a valid state ${JSON.stringify(state)}`);
        return;
      }
      assert.equal(p.getState(), state, 'getState gives back what fromState took');
      const call = () => (p[method] as (n: number) => unknown)(n);
      const result = method.endsWith('Async') ? await outcomeAsync(method, call) : outcome(method, call);
      if (offset + BigInt(n) > PHILOX_POSITION_LIMIT) {
        assert.is(result, 'threw', 'a draw past 2^65 is refused');
        assert.is(p.offset, offset, 'and moves nothing');
      } else {
        assert.is(result, 'ok', `${method}(${n}) at ${offset}`);
        assert.is(p.offset, offset + BigInt(n));
        assert.equal(Philox.fromState(p.getState()).getState(), p.getState());
      }
    }),
    1500,
  );
});

test('Philox: re-entrant arguments that draw from or move the same generator', async () => {
  await check(
    fc.asyncProperty(fc.constantFrom<Method>(...SYNC, ...ASYNC), fc.nat(3), async (method, which) => {
      const p = new Philox(7n);
      const arg = fc.sample(reentrant(quietly(() => (which % 2 ? p.uint32(3) : (p.offset = 99n)))), { numRuns: 1, seed: which })[0];
      const args = [[arg], [4, arg], [4, 0, arg], [arg, arg, arg]][which];
      const call = () => (p[method] as (...a: unknown[]) => unknown)(...args);
      if (method.endsWith('Async')) await outcomeAsync(method, call);
      else outcome(method, call);
      const state = p.getState();
      assert.equal(next(p), next(Philox.fromState(state)), 'state and stream agree');
    }),
    800,
  );
});

test('philoxSimd / philoxSimdSupported: hostile paths are coded errors and leave the path as it was', async () => {
  const active = philoxSimd();
  await check(
    fc.property(hostile, (path) => {
      outcome('philoxSimdSupported', () => philoxSimdSupported(path as never));
      if (path !== undefined && path !== null) outcome('philoxSimd', () => philoxSimd(path as never));
      philoxSimd(null);
      assert.is(philoxSimd(), active);
    }),
    500,
  );
});

const curandTest = requires('curand', curand.isAvailable(), 'libcurand.so.10 is not installed (Debian: libcurand10)');

curandTest('curand.Generator: hostile types and options are coded errors, nothing is left open', async () => {
  await check(
    fc.property(fc.oneof(hostile, fc.constantFrom('PHILOX4_32_10', 'SOBOL64', 161, 'xorwow')), fc.oneof(hostile, fc.record({ device: hostile, seed: hostile, offset: hostile, ordering: hostile, dimensions: hostile }, { requiredKeys: [] })), (type, options) => {
      let g: InstanceType<typeof curand.Generator> | undefined;
      outcome('new curand.Generator', () => (g = new curand.Generator(type as never, options as never)));
      g?.close();
    }),
    1500,
  );
});

const GEN_METHODS = ['setSeed', 'setOffset', 'setOrdering', 'setQuasiDimensions', 'setStream', 'generate', 'generateLongLong', 'uniform', 'normal', 'logNormal', 'poisson'] as const;

curandTest('curand.Generator: hostile arguments to every method leave the host Philox stream where it was', async () => {
  let g = new curand.Generator('PHILOX4_32_10', { seed: 7 });
  let ref = new Philox(7n);
  let rejected = 0;
  await check(
    fc.property(fc.constantFrom(...GEN_METHODS), fc.oneof(hostile, views), hostile, hostile, (method, a, b, c) => {
      const result = outcome(method, () => (g[method] as (...x: unknown[]) => unknown).call(g, a, b, c));
      if (result === 'threw') {
        rejected += 1;
        assert.equal(Array.from(g.generate(4)), Array.from(ref.uint32(4)), `${method}: stream unmoved`);
      } else {
        g.close();
        g = new curand.Generator('PHILOX4_32_10', { seed: 7 });
        ref = new Philox(7n);
      }
    }),
    1200,
  );
  g.close();
  assert.ok(rejected > 1000, `most hostile calls are rejected (${rejected})`);
});

curandTest('curand.Generator: a closed generator, and one closed by a re-entrant argument, only throws ERR_CLOSED', async () => {
  await check(
    fc.property(fc.constantFrom(...GEN_METHODS), fc.boolean(), fc.nat(10), (method, closeFirst, which) => {
      const g = new curand.Generator('XORWOW', { seed: 1 });
      if (closeFirst) g.close();
      const arg = fc.sample(reentrant(() => g.close()), { numRuns: 1, seed: which })[0];
      const args = closeFirst ? [4, 0, 1] : [[arg], [new Uint32Array(4), arg], [arg, 0, 1]][which % 3];
      try {
        (g[method] as (...x: unknown[]) => unknown).apply(g, args);
        assert.ok(!closeFirst, `${method} on a closed generator succeeded`);
      } catch (err) {
        assert.type((err as { code?: unknown }).code, 'string', `${method}: ${String(err)}`);
      }
      g.close();
      g.close();
      assert.ok(g.closed);
    }),
    500,
  );
});

test.after(() => printTotal('fuzz-philox'));
test.run();
