// setRngState's snapshot and seedEverything's / seedWorker's options are read once into plain
// copies: a getter or Proxy that answers one value when validated and another when applied, at
// any level, is refused with a coded error and changes nothing — root seed, CUDA seed, cuDNN
// flags, Math.random.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cuda, cudnn, getRngState, seedEverything, seedWorker, setRngState, type RngSnapshot } from '../../lib/index';

seedEverything(31);
const good = getRngState();

/** Valid on the first read, something else (valid but different, or invalid) afterwards. */
function flipping<T>(first: T, later: unknown): { reads: () => number; get: () => unknown } {
  let n = 0;
  return { reads: () => n, get: () => (n++ === 0 ? first : later) };
}

function withGetter(target: Record<string, unknown>, key: string, first: unknown, later: unknown) {
  const f = flipping(first, later);
  Object.defineProperty(target, key, { get: f.get, enumerable: true, configurable: true });
  return f;
}

function counting<T extends object>(target: T): { proxy: T; reads: () => number } {
  let n = 0;
  const proxy = new Proxy(target, {
    get: (t, k, r) => (n++, Reflect.get(t, k, r)),
    getOwnPropertyDescriptor: (t, k) => (n++, Reflect.getOwnPropertyDescriptor(t, k)),
    ownKeys: (t) => (n++, Reflect.ownKeys(t)),
  });
  return { proxy, reads: () => n };
}

const clone = (): RngSnapshot & Record<string, unknown> => JSON.parse(JSON.stringify(good));

function assertNothingChanged(fn: () => unknown, code: string, what: string) {
  cuda.manualSeed(5, 1);
  cudnn.deterministic = false;
  cudnn.benchmark = false;
  const before = JSON.stringify(getRngState());
  const math = Math.random;
  try {
    fn();
    assert.unreachable(`${what}: expected ${code}`);
  } catch (err) {
    assert.is((err as { code?: string }).code, code, `${what}: ${(err as Error).message}`);
  }
  assert.is(JSON.stringify(getRngState()), before, `${what}: snapshot unchanged (root seed, CUDA seeds, cuDNN flags, generators)`);
  assert.is(Math.random, math, `${what}: Math.random unchanged`);
  assert.is(cuda.initialSeed(1), 5n);
}

test('setRngState: getters at every level are refused before anything is applied', () => {
  const cases: [string, (s: RngSnapshot & Record<string, unknown>) => { reads: () => number }][] = [
    ['rootSeed', (s) => withGetter(s, 'rootSeed', '999', 'not a number')],
    ['rootSeed (valid both times)', (s) => withGetter(s, 'rootSeed', '999', '1000')],
    ['cudnn.deterministic', (s) => withGetter(s.cudnn as never, 'deterministic', true, 'yes')],
    ['cuda.allSeed', (s) => withGetter(s.cuda as never, 'allSeed', '12', '-1')],
    ['cuda.devices[0][1]', (s) => ((s.cuda.devices = [[0, '1', '0']]), withGetter(s.cuda.devices[0] as never, '1', '7', '8'))],
    ['mathRandom.index', (s) => withGetter(s.mathRandom as never, 'index', 3, 5000)],
    ['defaults.python[1][0]', (s) => withGetter(s.defaults.python[1] as never, '0', 1, -1)],
    ['env.SEED_EVERYTHING_SEED', (s) => withGetter(s.env as never, 'SEED_EVERYTHING_SEED', '1', '2')],
  ];
  for (const [what, poison] of cases) {
    const s = clone();
    const f = poison(s);
    assertNothingChanged(() => setRngState(s), 'ERR_INVALID_RNG_STATE', what);
    assert.is(f.reads(), 0, `${what}: the getter never ran`);
  }
});

test('setRngState: a Proxy at any level is refused without one trap being asked', () => {
  const top = counting(clone());
  assertNothingChanged(() => setRngState(top.proxy), 'ERR_INVALID_RNG_STATE', 'snapshot Proxy');
  assert.is(top.reads(), 0);
  const s = clone();
  const inner = counting(s.defaults.python[1] as unknown as object);
  (s.defaults.python as unknown[])[1] = inner.proxy;
  assertNothingChanged(() => setRngState(s), 'ERR_INVALID_RNG_STATE', 'nested Proxy');
  assert.is(inner.reads(), 0);
});

test('setRngState: plain data works as it always did, with or without a prototype, with or without JSON', () => {
  seedEverything(8);
  const snap = getRngState();
  const next = [Math.random(), Math.random()];
  setRngState(snap);
  assert.equal([Math.random(), Math.random()], next);
  const bare = Object.assign(Object.create(null), JSON.parse(JSON.stringify(snap)));
  setRngState(bare);
  assert.equal([Math.random(), Math.random()], next);
});

test('seedEverything and seedWorker: getter and Proxy options are refused, nothing seeded', () => {
  const getter = {} as Record<string, unknown>;
  const f = withGetter(getter, 'deterministic', true, 'yes');
  assertNothingChanged(() => seedEverything(77, getter as never), 'ERR_INVALID_ARG_VALUE', 'seedEverything getter');
  assert.is(f.reads(), 0);
  const p = counting({ deterministic: true });
  assertNothingChanged(() => seedEverything(77, p.proxy), 'ERR_INVALID_ARG_VALUE', 'seedEverything Proxy');
  assert.is(p.reads(), 0);
  const w = {} as Record<string, unknown>;
  const g = withGetter(w, 'workerId', 1, -1);
  assertNothingChanged(() => seedWorker(w as never), 'ERR_INVALID_ARG_VALUE', 'seedWorker getter');
  assert.is(g.reads(), 0);
  class Options {
    get deterministic() {
      return true;
    }
  }
  assertNothingChanged(() => seedEverything(77, new Options() as never), 'ERR_INVALID_ARG_VALUE', 'class instance with a getter');
  assert.is(seedEverything(77, { deterministic: true }).seed, 77n);
});

test.run();
