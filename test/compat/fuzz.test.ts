// Hostile input to the compatibility generators: only coded errors come out, and a rejected call
// leaves the stream where it was (the state before and after is the same, and so are the draws).
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { NumpyRandomState, PyRandom, SeedSequence, TorchGenerator } from '../../lib/index';
import { at, deepCopy, flipping, throwing } from '../helpers/hostile';
import { check, hostile, outcome, printTotal, same, views } from '../helpers/fuzz';

// Callers pass arrays to shuffle, sample and choice; the others take counts, bounds and states.
const arg = fc.oneof(hostile, views, fc.array(fc.oneof(hostile, fc.integer({ min: -4, max: 64 })), { maxLength: 4 }));

interface Case<G> {
  make(): G;
  state(g: G): unknown;
  draw(g: G): unknown;
  methods: string[];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const cases: Record<string, Case<any>> = {
  PyRandom: {
    make: () => new PyRandom(11),
    state: (g: PyRandom) => g.getstate(),
    draw: (g: PyRandom) => [g.random(), g.gauss()],
    methods: ['seed', 'random', 'getrandbits', 'randrange', 'randint', 'choice', 'shuffle', 'sample', 'uniform', 'gauss', 'setstate'],
  } as Case<PyRandom>,
  NumpyRandomState: {
    make: () => new NumpyRandomState(11),
    state: (g: NumpyRandomState) => g.getState(),
    draw: (g: NumpyRandomState) => [g.randomSample(), g.standardNormal()],
    methods: ['seed', 'rand', 'randomSample', 'randint', 'randn', 'standardNormal', 'normal', 'uniform', 'shuffle', 'permutation', 'setState'],
  } as Case<NumpyRandomState>,
  TorchGenerator: {
    make: () => new TorchGenerator(11),
    state: (g: TorchGenerator) => g.getState(),
    draw: (g: TorchGenerator) => [Array.from(g.rand(3)), Array.from(g.randn(3))],
    methods: ['manualSeed', 'rand', 'randn', 'randint', 'setState'],
  } as Case<TorchGenerator>,
};

for (const [name, c] of Object.entries(cases) as [string, Case<Record<string, (...a: unknown[]) => unknown>>][]) {
  test(`${name}: hostile arguments to every method; a rejected call moves nothing`, async () => {
    await check(
      fc.property(fc.constantFrom(...c.methods), arg, arg, arg, fc.nat(3), (method, a, b, d, n) => {
        const g = c.make();
        const before = c.state(g);
        const args = [a, b, d].slice(0, n);
        if (outcome(`${name}.${method}`, () => g[method](...args)) === 'threw') {
          same(c.state(g), before, `${name}.${method}: state unchanged`);
          const ref = c.make();
          same(c.draw(g), c.draw(ref), `${name}.${method}: draws continue as if the call never happened`);
        }
      }),
      2000,
    );
  });
}

test('constructors and SeedSequence: hostile seeds, entropy, spawn keys, pool sizes and counts', async () => {
  await check(
    fc.property(arg, arg, arg, (a, b, d) => {
      outcome('new PyRandom', () => new PyRandom(a as never));
      outcome('new NumpyRandomState', () => new NumpyRandomState(a as never));
      outcome('new TorchGenerator', () => new TorchGenerator(a as never));
      outcome('new SeedSequence', () => new SeedSequence(a as never, { spawnKey: b, poolSize: d } as never));
      outcome('new SeedSequence(options)', () => new SeedSequence(1, b as never));
      const s = new SeedSequence(7);
      outcome('generateState', () => s.generateState(a as never, b as never));
      outcome('spawn', () => s.spawn(a as never));
      assert.equal(Array.from(s.generateState(2)), Array.from(new SeedSequence(7).generateState(2)));
    }),
    1500,
  );
});

// A state from a real generator, one element of it replaced by an accessor that answers one
// hostile value first and another after (or throws): setState either applies exactly what it read
// first (the same draws as the state with that value written in) or refuses with nothing changed.
interface StateCase<G> {
  name: string;
  make(): G;
  get(g: G): unknown[];
  set(g: G, s: unknown): void;
  /** Where the 624 words sit in the state. */
  words: number;
}

const stateCases: StateCase<never>[] = [
  { name: 'PyRandom.setstate', make: () => new PyRandom(3), get: (g) => g.getstate(), set: (g, s) => g.setstate(s as never), words: 1 } as StateCase<PyRandom>,
  { name: 'NumpyRandomState.setState', make: () => new NumpyRandomState(3), get: (g) => g.getState(), set: (g, s) => g.setState(s as never), words: 1 } as StateCase<NumpyRandomState>,
] as StateCase<never>[];

const element = fc.oneof(hostile, fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constant(0));

for (const c of stateCases) {
  test(`${c.name}: an accessor anywhere in the state is read once; refused states change nothing`, async () => {
    await check(
      fc.property(fc.nat(700), fc.boolean(), element, element, fc.boolean(), (where, inWords, first, later, throws) => {
        const source = c.get(c.make());
        const path = inWords ? [c.words, where % 625] : [where % source.length];
        const g = c.make();
        const before = c.get(g);
        const input = throws ? throwing(source, path).value : flipping(source, path, first, later).value;
        if (outcome(c.name, () => c.set(g, input)) === 'threw') {
          same(c.get(g), before, `${c.name}: refused, unchanged`);
          return;
        }
        // Accepted: exactly the state with the first-read value written in.
        const written = deepCopy(source);
        (at(written, path.slice(0, -1)) as unknown[])[path[path.length - 1] as number] = first;
        const ref = c.make();
        c.set(ref, written);
        same(c.get(g), c.get(ref), `${c.name}: applied what was read first`);
      }),
      1500,
    );
  });
}

test.after(() => printTotal('fuzz-compat'));
test.run();
