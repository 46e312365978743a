// seedEverything: every random source of a Node training process, in one call, with a report of
// what was seeded, what was skipped and why (apply.ts).
import { randomBytes } from 'node:crypto';
import { codedError, invalidArgType } from '../core/errors';
import { isU64 } from '../core/ints';
import { type ReadOnce, readPlainOptions } from '../core/read';
import { onMainThread } from './process-wide';
import { applySeed, type SeedReport, type SeedSettings } from './apply';
import { resolveSeed, type Seed } from '../core/seed';
import { warnIfHashedNumeric } from './env-warning';

export type { SeedReport } from './apply';

export interface SeedOptions {
  /** true: cudnn.deterministic = true and cudnn.benchmark = false (unless `benchmark`), TF determinism, cuBLAS workspace. */
  deterministic?: boolean;
  /** Sets cudnn.benchmark (with deterministic, benchmarking picks among deterministic algorithms only). */
  benchmark?: boolean;
  /** Replace Math.random (default true). */
  mathRandom?: boolean;
  /** Seed every CUDA device's default Philox generator, lazily (default true). */
  cuda?: boolean;
  /** Give tfjs's clock-seeded sources derived seeds; with deterministic, set its TF_* variables (default true). */
  tfjs?: boolean;
  /** Set SEED_EVERYTHING_SEED for child processes and workers (default true). */
  env?: boolean;
}

export const SEED_OPTION_KEYS = ['deterministic', 'benchmark', 'mathRandom', 'cuda', 'tfjs', 'env'] as const;
type SeedOptionKey = (typeof SEED_OPTION_KEYS)[number];

/** Validates the copy readPlainOptions made of seedEverything's options (or seedWorker's). */
export function seedSettings(copy: ReadOnce<SeedOptionKey>, owner: string): SeedSettings {
  const flag = (key: SeedOptionKey, fallback: boolean | undefined): boolean | undefined => {
    const v = copy[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') throw invalidArgType(`${owner} options.${key}`, 'a boolean', v);
    return v;
  };
  return {
    deterministic: flag('deterministic', undefined),
    benchmark: flag('benchmark', undefined),
    mathRandom: flag('mathRandom', true) as boolean,
    cuda: flag('cuda', true) as boolean,
    tfjs: flag('tfjs', true) as boolean,
    env: flag('env', true) as boolean,
  };
}

/** The seed to use when none is given: SEED_EVERYTHING_SEED, else fresh entropy. */
export function seedFromEnvironment(): { value: bigint; source: 'env' | 'random' } {
  const raw = process.env.SEED_EVERYTHING_SEED;
  if (raw !== undefined && raw.trim() !== '') {
    const text = raw.trim();
    if (/^\d+$/.test(text)) {
      const value = BigInt(text);
      if (!isU64(value)) throw codedError('RangeError', 'ERR_SEED_ENV', `SEED_EVERYTHING_SEED=${text} is not below 2^64`);
      return { value, source: 'env' };
    }
    warnIfHashedNumeric(text);
    return { value: resolveSeed(text, 'SEED_EVERYTHING_SEED').value, source: 'env' };
  }
  return { value: randomBytes(8).readBigUInt64LE(0), source: 'random' };
}

/**
 * Seeds everything from `seed` (default: SEED_EVERYTHING_SEED, else fresh entropy). In a worker
 * thread only that thread's generators are seeded; the process-wide parts (root seed, CUDA seeds,
 * cuDNN flags, environment variables) are reported as skipped and left to the main thread.
 */
export function seedEverything(seed?: Seed, options?: SeedOptions): SeedReport {
  const settings = seedSettings(readPlainOptions(options, 'seedEverything', SEED_OPTION_KEYS), 'seedEverything');
  const resolved = seed === undefined ? seedFromEnvironment() : resolveSeed(seed);
  return applySeed(resolved.value, resolved.source, settings, { scope: onMainThread() ? 'process' : 'thread' });
}
