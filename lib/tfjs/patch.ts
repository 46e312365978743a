// TensorFlow.js's random sources that a seeded Math.random does not reach, given derived seeds so
// that seedEverything alone makes a tfjs program repeat. Read from tfjs 4.22's sources:
//  - tf.data's Dataset.shuffle(n) and LazyIterator.shuffle(n) seed alea from the clock
//    (`seed || tf.util.now()`) when no seed, or a falsy one, is given;
//  - multinomial without a seed (`seed || Math.random()`) hands its kernel a fraction, which
//    tfjs-node passes to TensorFlow as the integer attribute `seed`: 0, "pick one at random".
// An unseeded call gets tfjs.seedFor('<source>#<k>'), k counting such calls since seedEverything,
// so repeated calls differ and each run repeats them. A call that passes its own seed is never
// changed. Every other random op (initializers, dropout, randomUniform/Normal/Gamma, fit()'s
// shuffle) seeds alea from Math.random and needs nothing here.
//
// tfjs may load before or after seedEverything, through require or import (an ES import of a
// tfjs package still loads its CommonJS build through Module._load), and a process may hold
// several copies: loaded copies are patched at once, later ones by a Module._load hook as they
// load. Patched functions carry a process-wide mark, so two copies of this package never wrap
// one function twice.
import { seedFor } from './seed';

export type TfjsPatchSource = 'tf.data Dataset.shuffle' | 'tf.data LazyIterator.shuffle' | 'multinomial';

export interface TfjsPatch {
  source: TfjsPatchSource;
  /** the tfjs.seedFor name of the k-th unseeded call since seedEverything */
  seedName: string;
  /**
   * copies of tfjs patched so far (the iterator's prototype a few microtasks after its
   * tfjs-data); 0 until tfjs loads, when the require hook patches it
   */
  copies: number;
}

const SEED_NAMES: Record<TfjsPatchSource, string> = {
  'tf.data Dataset.shuffle': 'tf.data.shuffle',
  'tf.data LazyIterator.shuffle': 'tf.data.iterator.shuffle',
  multinomial: 'multinomial',
};
const MARK = Symbol.for('seed-everything.tfjs-patch');
const MULTINOMIAL_SCOPE = 'multinomial__op';

const copies: Record<TfjsPatchSource, number> = { 'tf.data Dataset.shuffle': 0, 'tf.data LazyIterator.shuffle': 0, multinomial: 0 };
const calls = new Map<TfjsPatchSource, number>();
let hooked = false;

type Fn = (...args: unknown[]) => unknown;

/** The k-th derived seed, or undefined when no root seed is set (tfjs then does as it would). */
function nextSeed(source: TfjsPatchSource): number | undefined {
  const k = calls.get(source) ?? 0;
  try {
    const seed = seedFor(`${SEED_NAMES[source]}#${k}`);
    calls.set(source, k + 1);
    return seed;
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_NO_ROOT_SEED') return undefined;
    throw err;
  }
}

function marked(fn: unknown): boolean {
  return typeof fn === 'function' && (fn as unknown as Record<symbol, unknown>)[MARK] === true;
}

/**
 * Replaces `owner[key]` by `make(original)`, keeping the property's enumerability, unless some copy
 * of this package already did. False when there is nothing to wrap or the property is locked.
 */
function wrap(owner: Record<string, unknown>, key: string, make: (original: Fn) => Fn): boolean {
  const original = owner[key];
  if (typeof original !== 'function' || marked(original)) return false;
  const wrapped = make(original as Fn);
  Object.defineProperty(wrapped, MARK, { value: true });
  Object.defineProperty(wrapped, 'name', { value: (original as Fn).name, configurable: true });
  const enumerable = Object.getOwnPropertyDescriptor(owner, key)?.enumerable ?? false;
  try {
    Object.defineProperty(owner, key, { value: wrapped, writable: true, configurable: true, enumerable });
    return true;
  } catch {
    return false;
  }
}

/** shuffle(size, seed, …): a falsy seed, which tfjs replaces by the clock, becomes a derived one. */
function seedShuffle(proto: Record<string, unknown>, source: TfjsPatchSource): boolean {
  return wrap(proto, 'shuffle', (original) =>
    function shuffle(this: unknown, ...args: unknown[]) {
      if (!args[1]) {
        const seed = nextSeed(source);
        if (seed !== undefined) args[1] = String(seed);
      }
      return original.apply(this, args);
    },
  );
}

interface Scope {
  name: string;
}
interface TfEngine {
  state: { activeScope: Scope | null };
  startScope: Fn;
  endScope: Fn;
  runKernel: Fn;
}

/**
 * The multinomial op draws `Math.random()` only when it was given no seed. While its scope is
 * open, Math.random is watched; a Multinomial kernel run in that scope whose seed is one of the
 * watched values gets a derived integer instead.
 */
function patchEngine(engine: TfEngine): void {
  const target = engine as unknown as Record<string, unknown>;
  const open = new WeakMap<Scope, { drawn: number[]; restore(): void }>();
  const wrapped = wrap(target, 'runKernel', (original) =>
    function runKernel(this: TfEngine, ...args: unknown[]) {
      const scope = this.state.activeScope;
      const frame = scope ? open.get(scope) : undefined;
      const attrs = args[2] as { seed?: unknown } | undefined;
      if (args[0] === 'Multinomial' && frame && attrs && frame.drawn.includes(attrs.seed as number)) {
        const seed = nextSeed('multinomial');
        if (seed !== undefined) args[2] = { ...attrs, seed };
      }
      return original.apply(this, args);
    },
  );
  if (!wrapped) return;
  copies.multinomial++;
  wrap(target, 'startScope', (original) =>
    function startScope(this: TfEngine, ...args: unknown[]) {
      const result = original.apply(this, args);
      const scope = this.state.activeScope;
      if (args[0] === MULTINOMIAL_SCOPE && scope) {
        const previous = Math.random;
        const drawn: number[] = [];
        const watched = function random(): number {
          const value = previous();
          drawn.push(value);
          return value;
        };
        Math.random = watched;
        open.set(scope, { drawn, restore: () => Math.random === watched && (Math.random = previous) });
      }
      return result;
    },
  );
  wrap(target, 'endScope', (original) =>
    function endScope(this: TfEngine, ...args: unknown[]) {
      const scope = this.state.activeScope;
      if (scope) open.get(scope)?.restore();
      return original.apply(this, args);
    },
  );
}

interface TfData {
  Dataset?: { prototype: Record<string, unknown> };
  array?: (items: unknown[]) => { iterator(): Promise<object> };
}

/**
 * LazyIterator is not exported; its prototype is reached through the first iterator of an empty
 * dataset, a few microtasks later (iterators only come through promises, so code that seeds and
 * then asks for one finds the prototype patched).
 */
function patchData(data: TfData): void {
  const proto = data.Dataset?.prototype;
  if (!proto || !seedShuffle(proto, 'tf.data Dataset.shuffle')) return;
  copies['tf.data Dataset.shuffle']++;
  copies['tf.data LazyIterator.shuffle']++;
  try {
    data.array?.([]).iterator().then(
      (it) => {
        let p: Record<string, unknown> | null = Object.getPrototypeOf(it);
        while (p && !Object.prototype.hasOwnProperty.call(p, 'shuffle')) p = Object.getPrototypeOf(p);
        if (p) seedShuffle(p, 'tf.data LazyIterator.shuffle');
      },
      () => undefined,
    );
  } catch {
    // a tfjs-data without array(): Dataset.shuffle is still patched
  }
}

const TFJS_DATA = /[\\/]@tensorflow[\\/]tfjs-data[\\/]/;

function patchLoaded(): void {
  const engine = (globalThis as { _tfengine?: TfEngine })._tfengine;
  if (engine && typeof engine.runKernel === 'function' && engine.state) patchEngine(engine);
  for (const [file, mod] of Object.entries(require.cache)) {
    if (mod?.loaded && TFJS_DATA.test(file)) patchData(mod.exports as TfData);
  }
}

function installHook(): void {
  if (hooked) return;
  hooked = true;
  // The module object itself (an ES namespace import would be a copy): Module._load is what
  // require() and the ES loader's CommonJS translator call.
  const M = require('node:module') as { _load: Fn };
  const load = M._load;
  M._load = function _load(this: unknown, ...args: unknown[]) {
    const exports = load.apply(this, args);
    if (typeof args[0] === 'string' && args[0].includes('tfjs')) patchLoaded();
    return exports;
  };
}

/**
 * Arms the patches for a new root seed: the call counters restart, tfjs copies already loaded are
 * patched now and later ones when they load. Returns what is patched.
 */
export function patchTfjs(): TfjsPatch[] {
  calls.clear();
  installHook();
  patchLoaded();
  return (Object.keys(SEED_NAMES) as TfjsPatchSource[]).map((source) => ({
    source,
    seedName: `${SEED_NAMES[source]}#<k>`,
    copies: copies[source],
  }));
}
