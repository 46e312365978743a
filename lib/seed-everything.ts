// seedEverything: every random source of a Node training process, in one call, with a report of
// what was seeded, what was skipped and why.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { binding } from './binding';
import * as cuda from './cuda';
import { cudnn } from './cudnn';
import { reseedDefaults } from './defaults';
import { codedError, invalidArgType } from './errors';
import { mathRandom } from './math-random';
import { resolveSeed, type Seed } from './seed';
import { prepareTfjs, type TfjsReport } from './tfjs';
import { withJson } from './json';

export interface SeedOptions {
  /** true: cudnn.deterministic = true and cudnn.benchmark = false (unless `benchmark`), TF determinism, cuBLAS workspace. */
  deterministic?: boolean;
  /** Sets cudnn.benchmark (with deterministic, benchmarking picks among deterministic algorithms only). */
  benchmark?: boolean;
  /** Replace Math.random (default true). */
  mathRandom?: boolean;
  /** Seed every CUDA device's default Philox generator, lazily (default true). */
  cuda?: boolean;
  /** Prepare @tensorflow/tfjs-node(-gpu) (default true). */
  tfjs?: boolean;
  /** Set SEED_EVERYTHING_SEED for child processes and workers (default true). */
  env?: boolean;
}

export interface SeedReport {
  seed: bigint;
  source: 'argument' | 'string' | 'env' | 'random';
  seeded: string[];
  skipped: { source: string; reason: string }[];
  cuda: { seeded: boolean; seed: bigint | null; lazy: boolean };
  cudnn: { deterministic: boolean; benchmark: boolean; changed: boolean };
  tfjs: TfjsReport | null;
  worker?: { root: bigint; rank: number; rankSource: string; workerId: number };
}

interface RootNative {
  setRootSeed(seed: bigint): void;
}

const optionKeys = ['deterministic', 'benchmark', 'mathRandom', 'cuda', 'tfjs', 'env'] as const;

function checkOptions(options: unknown): Required<Pick<SeedOptions, 'mathRandom' | 'cuda' | 'tfjs' | 'env'>> & SeedOptions {
  if (options === undefined) options = {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidArgType('options', 'an object', options);
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!(optionKeys as readonly string[]).includes(key)) {
      throw codedError('TypeError', 'ERR_UNKNOWN_OPTION', `unknown option ${key}; known: ${optionKeys.join(', ')}`);
    }
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw invalidArgType(`options.${key}`, 'a boolean', o[key]);
  }
  return { mathRandom: true, cuda: true, tfjs: true, env: true, ...(o as SeedOptions) } as Required<
    Pick<SeedOptions, 'mathRandom' | 'cuda' | 'tfjs' | 'env'>
  > &
    SeedOptions;
}

/** The seed to use when none is given: SEED_EVERYTHING_SEED, else fresh entropy. */
export function seedFromEnvironment(): { value: bigint; source: 'env' | 'random' } {
  const raw = process.env.SEED_EVERYTHING_SEED;
  if (raw !== undefined && raw.trim() !== '') {
    const text = raw.trim();
    if (/^\d+$/.test(text)) {
      const value = BigInt(text);
      if (value >= 1n << 64n) throw codedError('RangeError', 'ERR_SEED_ENV', `SEED_EVERYTHING_SEED=${text} is not below 2^64`);
      return { value, source: 'env' };
    }
    return { value: resolveSeed(text, 'SEED_EVERYTHING_SEED').value, source: 'env' };
  }
  return { value: randomBytes(8).readBigUInt64LE(0), source: 'random' };
}

function cublasLoaded(): boolean {
  try {
    return /libcublas(Lt)?\.so/.test(fs.readFileSync('/proc/self/maps', 'utf8'));
  } catch {
    return false;
  }
}

export function seedEverything(seed?: Seed, options?: SeedOptions): SeedReport {
  return seedScoped(seed, options, 'process');
}

/**
 * `thread` scope (seedWorker in a worker thread) seeds only what belongs to this thread: the root
 * seed, device generators, cuDNN flags, environment and tfjs are process-wide and stay the main
 * thread's.
 */
export function seedScoped(seed: Seed | undefined, options: SeedOptions | undefined, scope: 'process' | 'thread'): SeedReport {
  const opts = checkOptions(options);
  const processWide = scope === 'process';
  const threadOnly = 'process-wide; a worker thread leaves it to the main thread';
  const resolved = seed === undefined ? seedFromEnvironment() : resolveSeed(seed);
  const value = resolved.value;
  const report: SeedReport = {
    seed: value,
    source: resolved.source,
    seeded: [],
    skipped: [],
    cuda: { seeded: false, seed: null, lazy: true },
    cudnn: { deterministic: false, benchmark: false, changed: false },
    tfjs: null,
  };

  if (processWide) binding<RootNative>().setRootSeed(value);

  if (opts.mathRandom) {
    mathRandom.install(value);
    report.seeded.push('Math.random');
  } else report.skipped.push({ source: 'Math.random', reason: 'option mathRandom: false' });

  reseedDefaults(value);
  report.seeded.push('defaults.python', 'defaults.numpy', 'defaults.torch');

  if (opts.cuda && !processWide) {
    report.skipped.push({ source: 'cuda', reason: threadOnly });
  } else if (opts.cuda) {
    // Recorded only: applied when a device's generator is first used, so no context is created.
    cuda.manualSeedAll(value);
    report.cuda = { seeded: true, seed: value, lazy: true };
    report.seeded.push('cuda');
  } else report.skipped.push({ source: 'cuda', reason: 'option cuda: false' });

  if (!processWide && (opts.deterministic !== undefined || opts.benchmark !== undefined)) {
    report.skipped.push({ source: 'cudnn', reason: threadOnly });
  } else if (opts.deterministic !== undefined || opts.benchmark !== undefined) {
    if (opts.deterministic !== undefined) cudnn.deterministic = opts.deterministic;
    cudnn.benchmark = opts.benchmark ?? (opts.deterministic ? false : cudnn.benchmark);
    report.cudnn.changed = true;
    report.seeded.push('cudnn');
  }
  report.cudnn.deterministic = cudnn.deterministic;
  report.cudnn.benchmark = cudnn.benchmark;

  if (opts.deterministic && processWide) {
    // cuBLAS reads this when its handle is created; deterministic cuBLAS needs a fixed workspace.
    if (process.env.CUBLAS_WORKSPACE_CONFIG) {
      report.skipped.push({ source: 'CUBLAS_WORKSPACE_CONFIG', reason: `already set to ${process.env.CUBLAS_WORKSPACE_CONFIG}; left as it is` });
    } else if (cublasLoaded()) {
      report.skipped.push({ source: 'CUBLAS_WORKSPACE_CONFIG', reason: 'cuBLAS is already loaded and has read its settings; set CUBLAS_WORKSPACE_CONFIG=:4096:8 in the shell' });
    } else {
      process.env.CUBLAS_WORKSPACE_CONFIG = ':4096:8';
      report.seeded.push('CUBLAS_WORKSPACE_CONFIG');
    }
  }

  if (opts.tfjs && !processWide) {
    report.skipped.push({ source: 'tfjs', reason: threadOnly });
  } else if (opts.tfjs) {
    report.tfjs = prepareTfjs({ deterministic: opts.deterministic === true, benchmark: opts.benchmark === true });
    for (const s of report.tfjs.skipped) report.skipped.push({ source: s.variable, reason: s.reason });
    if (Object.keys(report.tfjs.set).length) report.seeded.push('tfjs');
  } else report.skipped.push({ source: 'tfjs', reason: 'option tfjs: false' });

  if (opts.env && !processWide) {
    report.skipped.push({ source: 'SEED_EVERYTHING_SEED', reason: threadOnly });
  } else if (opts.env) {
    process.env.SEED_EVERYTHING_SEED = value.toString();
    report.seeded.push('SEED_EVERYTHING_SEED');
  } else report.skipped.push({ source: 'SEED_EVERYTHING_SEED', reason: 'option env: false' });
  return withJson(report);
}
