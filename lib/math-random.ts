// A seeded Math.random. Draws are 53-bit doubles made from pairs of the package's Philox 32-bit
// outputs ((a >>> 5) · 2^26 + (b >>> 6)) · 2^-53, as CPython and numpy make doubles), produced
// natively in blocks and served from a buffer, so a call costs about what V8's own Math.random
// costs, and the position is always (Philox offset of the block, index in it): snapshots restore
// exactly.
import { deriveSeed } from './derive';
import { Philox } from './philox';
import { type Seed, toSeed } from './seed';

const BLOCK = 4096;

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

// The block is filled eagerly, so a position (offset of the block, index in it) always means
// "this block is filled and `index` of it is used", also for index === BLOCK.
function createStream(seed: bigint, offset: bigint, index: number): Stream {
  const philox = new Philox(deriveSeed(seed, 'Math.random'), offset);
  const buf = new Float64Array(BLOCK);
  const words = new Uint32Array(2 * BLOCK);
  let base = 0n;
  let i = 0;
  const refill = () => {
    base = philox.offset;
    philox.uint32(words);
    for (let k = 0; k < BLOCK; k++) buf[k] = ((words[2 * k] >>> 5) * 67108864 + (words[2 * k + 1] >>> 6)) * 1.1102230246251565e-16;
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
