// Shared pieces of the property-based hardening tests: hostile values, the one rule every rejected
// call must follow (a TypeError, RangeError or Error with a string `code`), and a fixed seed so a
// failure replays exactly (FUZZ_SEED overrides it to explore further).
import fc from 'fast-check';
import * as assert from 'uvu/assert';
import { recordPropertyCases } from './test';

export const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
let total = 0;

export interface Check {
  runs: number;
}

/** Runs a property with the fixed seed and counts its cases toward this file's total. */
export async function check<T>(prop: fc.IAsyncProperty<T> | fc.IProperty<T>, runs: number): Promise<void> {
  const t0 = Date.now();
  await fc.assert(prop as fc.IAsyncProperty<T>, { seed: SEED, numRuns: runs, endOnFailure: true, includeErrorInReport: true });
  total += runs;
  if (process.env.FUZZ_TIMING) console.log(`  ${runs} cases in ${Date.now() - t0} ms`);
}

/** One line the reviewer (and the hardening report) reads: how many cases this file ran. */
export function printTotal(file: string): void {
  console.log(`fast-check cases run in ${file}: ${total} (seed ${SEED})`);
  recordPropertyCases(total);
}

const ALLOWED = new Set<unknown>([Error, TypeError, RangeError]);

/**
 * What a hostile object's own getter or Proxy trap throws. It is the caller's exception: it must
 * come out unchanged (as from Node's own APIs), never be swallowed or replaced.
 */
export class TrapError extends Error {}

export function assertCoded(err: unknown, what: string): void {
  if (err instanceof TrapError) return;
  const e = err as { constructor?: unknown; code?: unknown; message?: unknown };
  if (err === null || typeof err !== 'object' || !ALLOWED.has(e.constructor) || typeof e.code !== 'string') {
    const shown = err instanceof Error ? `${err.constructor.name} ${String(e.code)}: ${err.message}\n${err.stack}` : String(err);
    assert.unreachable(`${what} threw something other than a coded TypeError/RangeError/Error: ${shown}`);
  }
}

/** Runs fn; a throw must be coded. Says which it was. */
export function outcome(what: string, fn: () => unknown): 'ok' | 'threw' {
  try {
    fn();
    return 'ok';
  } catch (err) {
    assertCoded(err, what);
    return 'threw';
  }
}

export async function outcomeAsync(what: string, fn: () => unknown): Promise<'ok' | 'threw'> {
  try {
    await fn();
    return 'ok';
  } catch (err) {
    assertCoded(err, what);
    return 'threw';
  }
}

function detached<T extends ArrayBufferView>(view: T): T {
  structuredClone(view.buffer, { transfer: [view.buffer as ArrayBuffer] });
  // fast-check cannot print a detached array in a counterexample; this says what it was.
  Object.defineProperty(view, fc.toStringMethod, { value: () => `detached ${view.constructor.name}` });
  return view;
}

const KINDS = [Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array, BigUint64Array, BigInt64Array, Uint8ClampedArray] as const;

/** Typed arrays of every kind, some empty, some odd-sized, some detached, some over a SharedArrayBuffer, DataViews. */
export const views: fc.Arbitrary<ArrayBufferView> = fc
  .tuple(fc.integer({ min: 0, max: KINDS.length }), fc.integer({ min: 0, max: 9 }), fc.constantFrom('plain', 'detached', 'shared', 'offset'))
  .map(([k, n, how]) => {
    if (k === KINDS.length) return new DataView(new ArrayBuffer(n * 4));
    const Ctor = KINDS[k] as unknown as new (b: ArrayBufferLike | number, o?: number, l?: number) => ArrayBufferView;
    const size = (Ctor as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    if (how === 'shared') return new Ctor(new SharedArrayBuffer(n * size));
    if (how === 'offset') return new Ctor(new ArrayBuffer((n + 1) * size), size, n);
    const v = new Ctor(n);
    return how === 'detached' ? detached(v) : v;
  });

const numbers = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 0.5, -1, -(2 ** 31), 2 ** 31, 2 ** 32, 2 ** 32 + 1, 2 ** 53, 2 ** 64, 1e308, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON),
  fc.double(),
  fc.integer({ min: -1e6, max: -1 }),
);

const bigints = fc.oneof(
  fc.constantFrom(-1n, 2n ** 64n, 2n ** 64n + 1n, -(2n ** 63n), 2n ** 200n, -(2n ** 1000n)),
  fc.bigInt({ min: -(2n ** 80n), max: -1n }),
  fc.bigInt({ min: 2n ** 64n, max: 2n ** 100n }),
);

/**
 * Valid counts above 2^16 ask for gigabytes that take seconds to fill; they are legitimate, not
 * hostile, so they become the first invalid count instead (2^32 + 1).
 */
export function tame(value: unknown): unknown {
  return typeof value === 'number' && Number.isInteger(value) && value > 65536 && value <= 2 ** 32 ? 2 ** 32 + 1 : value;
}

/** Values no API should accept where it wants a count, seed, offset, flag or option object. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof<fc.Arbitrary<unknown>[]>(
  fc.constantFrom(undefined, null, true, false, '', ' ', '0x10', '-1', '1e3', Symbol('hostile'), [], {}, [1, 2], { length: -1 }, { length: 2 ** 40 }),
  numbers,
  bigints,
  fc.string({ maxLength: 12 }),
  views,
  fc.object({ maxDepth: 1, maxKeys: 3 }),
  fc.func(fc.anything({ maxDepth: 0 })),
  fc.constant(Object.create(null)),
  fc.constant(Object.freeze(Object.create(null, { valueOf: { value: () => 1 } }))),
  fc.constant(
    new Proxy({}, {
      get: (target, key) => {
        if (typeof key === 'symbol' || key === 'toString') return Reflect.get(target, key);
        throw new TrapError(`proxy trap: ${String(key)}`);
      },
    }),
  ),
).map(tame);

/**
 * Objects that call back into the API (closing a handle, reseeding, snapshotting) when coerced or
 * when a property is read, then answer with something plausible. `reenter` must not throw.
 */
export function reentrant(reenter: () => void): fc.Arbitrary<unknown> {
  const answer = fc.constantFrom<unknown>(1, 4, 0, 2n, 'x', -1);
  return answer.chain((value) =>
    fc.constantFrom<unknown>(
      { valueOf: () => (reenter(), value), toString: () => (reenter(), String(value)) },
      { [Symbol.toPrimitive]: () => (reenter(), value) },
      { get length() { reenter(); return value; }, 0: 1, 1: 2 },
      { get seed() { reenter(); return value; }, get device() { reenter(); return 'host'; }, get offset() { reenter(); return value; } },
      new Proxy({}, { get: (_t, key) => (reenter(), key === 'length' ? 2 : value), has: () => (reenter(), true) }),
    ),
  );
}

/** Swallows what a re-entrant call throws: the outer call is the one under test. */
export function quietly(fn: () => unknown): () => void {
  return () => {
    try {
      fn();
    } catch {
      // the re-entrant call's own rejection is not what the property checks
    }
  };
}

export function same(a: unknown, b: unknown, what: string): void {
  assert.equal(JSON.stringify(a, big), JSON.stringify(b, big), what);
}

function big(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>, String);
  return value;
}
