// A seeded Math.random. Draw k is the 53-bit double ((w[2k] >>> 5) · 2^26 + (w[2k+1] >>> 6)) · 2^-53
// (as CPython and numpy make doubles) of the Philox 32-bit stream w under
// deriveSeed(seed, 'Math.random'). Blocks are made natively and served from a buffer, so a call
// costs about what V8's own Math.random costs, and the position is always (Philox offset of the
// block, index in it): snapshots restore exactly.
import { deriveSeed } from '../compat/derive';
import { binding } from '../core/binding';
import { currentScope } from './rng-scope';
import { checkDraw, PHILOX_POSITION_LIMIT } from '../philox/philox';
import { type Seed, toSeed } from '../core/seed';

const BLOCK = 4096;
const WORDS_PER_BLOCK = BigInt(2 * BLOCK);
/**
 * The last block offset a state may hold. Offsets go past 2^64 as Philox positions do (the
 * stream continues there as libcurand's does); a block must end by PHILOX_POSITION_LIMIT, which
 * is 2^64 draws beyond anything a state set below 2^64 reaches.
 */
export const MATH_RANDOM_OFFSET_LIMIT = PHILOX_POSITION_LIMIT - WORDS_PER_BLOCK;

export interface MathRandomState {
  /** the seed given to install (decimal) */
  seed: string;
  /** Philox offset of the current block (decimal) */
  offset: string;
  /** draws already taken from the current block */
  index: number;
}

interface Stream {
  seed: bigint;
  random: () => number;
  position(): { offset: bigint; index: number };
}

/** What Math.random draws from inside an isolated block: its own stream, else `fallback`. */
export interface MathSlot {
  stream: Stream | undefined;
  fallback: () => number;
}

interface MathRandomNative {
  philoxFillRes53(out: Float64Array, seed: bigint, offset: bigint): void;
}

// The block is filled eagerly, so a position (offset of the block, index in it) always means
// "this block is filled and `index` of it is used", also for index === BLOCK.
function createStream(seed: bigint, offset: bigint, index: number): Stream {
  const fill = binding<MathRandomNative>().philoxFillRes53;
  const streamSeed = deriveSeed(seed, 'Math.random');
  const buf = new Float64Array(BLOCK);
  let base = offset;
  let next = offset;
  let i = 0;
  const refill = () => {
    // One comparison, no bigint arithmetic, on the way that never throws.
    if (next > MATH_RANDOM_OFFSET_LIMIT) checkDraw(next, 2 * BLOCK);
    base = next;
    fill(buf, streamSeed, base);
    next = base + WORDS_PER_BLOCK;
    i = 0;
  };
  refill();
  i = index;
  // One branch and one load: i never passes BLOCK.
  const random = function random(): number {
    if (i === BLOCK) refill();
    return buf[i++];
  };
  return { seed, random, position: () => ({ offset: base, index: i }) };
}

// Outside isolated blocks Math.random *is* this thread's stream's own function, so seeding costs
// nothing per call. Only while a block is open is it `dispatch`, which asks for the block.
let original: (() => number) | undefined; // Math.random before install first replaced it
let stream: Stream | undefined; // this thread's seeded stream
let outside: (() => number) | undefined; // while dispatching: what code outside blocks draws from

function dispatch(): number {
  const scope = currentScope();
  if (scope === undefined) return (outside as () => number)();
  const slot = scope.math;
  return slot.stream !== undefined ? slot.stream.random() : slot.fallback();
}

function threadRandom(): () => number {
  return outside ?? Math.random;
}

function setThreadRandom(fn: () => number): void {
  if (outside !== undefined) outside = fn;
  else Math.random = fn;
}

function threadStream(): Stream | undefined {
  return stream !== undefined && threadRandom() === stream.random ? stream : undefined;
}

function use(created: Stream): void {
  const scope = currentScope();
  if (scope !== undefined) {
    scope.math = { stream: created, fallback: scope.math.fallback };
    return;
  }
  if (original === undefined) original = threadRandom();
  stream = created;
  setThreadRandom(created.random);
}

/** Replaces Math.random with the seeded stream (Philox under deriveSeed(seed, 'Math.random')). */
export function install(seed: Seed): void {
  use(createStream(toSeed(seed), 0n, 0));
}

/** Puts the original Math.random back. */
export function restore(): void {
  const scope = currentScope();
  if (scope !== undefined) {
    scope.math = { stream: undefined, fallback: original ?? scope.math.fallback };
    return;
  }
  if (original !== undefined) setThreadRandom(original);
  original = undefined;
  stream = undefined;
}

export function mathRandomState(): MathRandomState | null {
  const scope = currentScope();
  const current = scope !== undefined ? scope.math.stream : threadStream();
  if (current === undefined) return null;
  const pos = current.position();
  return { seed: current.seed.toString(), offset: pos.offset.toString(), index: pos.index };
}

/** Applies a state the caller validated (rng-state.ts). */
export function setMathRandomState(state: MathRandomState | null): void {
  if (state === null) restore();
  else use(createStream(BigInt(state.seed), BigInt(state.offset), state.index));
}

/** An independent copy of what Math.random draws from here, for a block that is opening. */
export function copyMathSlot(): MathSlot {
  const scope = currentScope();
  const from: MathSlot = scope !== undefined ? scope.math : { stream: threadStream(), fallback: threadRandom() };
  if (from.stream === undefined) return { stream: undefined, fallback: from.fallback };
  const pos = from.stream.position();
  return { stream: createStream(from.stream.seed, pos.offset, pos.index), fallback: from.fallback };
}

/** While isolated blocks are open, Math.random asks which block (if any) the caller is in. */
export function startDispatch(): void {
  if (outside !== undefined) return;
  outside = Math.random;
  Math.random = dispatch;
}

export function stopDispatch(): void {
  if (outside === undefined) return;
  // Code that replaced Math.random meanwhile keeps its replacement.
  if (Math.random === dispatch) Math.random = outside;
  outside = undefined;
}

/** Whether Math.random is currently the seeded stream (inside an isolated block: the block's). */
export function installed(): boolean {
  const scope = currentScope();
  return scope !== undefined ? scope.math.stream !== undefined : threadStream() !== undefined;
}
