// A seeded Math.random. Draw k is the 53-bit double ((w[2k] >>> 5) · 2^26 + (w[2k+1] >>> 6)) · 2^-53
// (as CPython and numpy make doubles) of the Philox 32-bit stream w under
// deriveSeed(seed, 'Math.random'). Blocks are made natively and served from a buffer, so a call
// costs about what V8's own Math.random costs, and the position is always (Philox offset of the
// block, index in it): snapshots restore exactly.
import { deriveSeed } from './derive';
import { binding } from './binding';
import { checkDraw, PHILOX_POSITION_LIMIT } from './philox';
import { type Seed, toSeed } from './seed';

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

let original: (() => number) | undefined;
let stream: Stream | undefined;

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
    checkDraw(next, 2 * BLOCK);
    base = next;
    fill(buf, streamSeed, base);
    next = base + WORDS_PER_BLOCK;
    i = 0;
  };
  refill();
  i = index;
  const random = function random(): number {
    if (i < BLOCK) return buf[i++];
    refill();
    return buf[i++];
  };
  return { seed, random, position: () => ({ offset: base, index: i }) };
}

function install(seed: Seed): void {
  const value = toSeed(seed);
  if (original === undefined) original = Math.random;
  stream = createStream(value, 0n, 0);
  Math.random = stream.random;
}

function restore(): void {
  if (original !== undefined) Math.random = original;
  original = undefined;
  stream = undefined;
}

export function mathRandomState(): MathRandomState | null {
  if (stream === undefined || Math.random !== stream.random) return null;
  const pos = stream.position();
  return { seed: stream.seed.toString(), offset: pos.offset.toString(), index: pos.index };
}

export function setMathRandomState(state: MathRandomState | null): void {
  if (state === null) {
    restore();
    return;
  }
  if (original === undefined) original = Math.random;
  stream = createStream(BigInt(state.seed), BigInt(state.offset), state.index);
  Math.random = stream.random;
}

export const mathRandom = {
  /** Replaces Math.random with the seeded stream (Philox under deriveSeed(seed, 'Math.random')). */
  install,
  /** Puts the original Math.random back. */
  restore,
  /** Whether Math.random is currently the seeded stream. */
  get installed(): boolean {
    return stream !== undefined && Math.random === stream.random;
  },
};
