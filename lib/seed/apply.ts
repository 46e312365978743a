// Applying a seed and writing the report of exactly what was seeded, what was skipped and why
// (seedEverything, seedWorker, seedTask). Options arrive read once and validated.
import { mappedFile } from '../core/maps';
import * as path from 'node:path';
import { binding } from '../core/binding';
import * as cuda from '../cuda/devices';
import { cudnn } from '../cudnn';
import { reseedDefaults } from './defaults';
import { install as installMathRandom } from './math-random';
import { CUBLAS_VARIABLE, noteVariables, SEED_VARIABLE, setVariable } from './process-wide';
import { withJson } from '../core/json';
import { prepareTfjs, type TfjsReport } from '../tfjs';

/** seedEverything's options after reading and validation. */
export interface SeedSettings {
  deterministic: boolean | undefined;
  benchmark: boolean | undefined;
  mathRandom: boolean;
  cuda: boolean;
  tfjs: boolean;
  env: boolean;
}

export interface SeedReport {
  seed: bigint;
  source: 'argument' | 'string' | 'env' | 'random';
  /** 'thread': only this thread's generators were seeded (worker threads, seedTask) */
  scope: 'process' | 'thread';
  seeded: string[];
  skipped: { source: string; reason: string }[];
  /** seed: what devices will use (recorded even when none is usable now); seeded: a device is usable */
  cuda: { seeded: boolean; seed: bigint | null; lazy: boolean; available: boolean };
  cudnn: { deterministic: boolean; benchmark: boolean; changed: boolean };
  tfjs: TfjsReport | null;
  worker?: { root: bigint; rank: number; rankSource: string; workerId: number; path: string; idSource: 'option' | 'env' | 'threadId' };
  task?: { root: bigint; rank: number; rankSource: string; taskId: string };
}

export interface SeedScope {
  scope: 'process' | 'thread';
  /** recorded as the process's root seed in process scope; default the seed itself */
  root?: bigint;
  /** why the process-wide parts are skipped in thread scope */
  threadReason?: string;
  /** seedWorker in a child process: SEED_EVERYTHING_SEED stays the parent's root, for its own children */
  keepRootVariable?: boolean;
}

const THREAD_REASON = 'process-wide: a worker thread leaves it to the main thread (seedEverything there)';

function cublasLoaded(): boolean {
  return mappedFile(/libcublas(Lt)?\.so/) !== null;
}

/** Why no CUDA device can be used here, or null when one can. Loads the runtime; creates no context. */
function cudaUnusable(): string | null {
  const s = cuda.status();
  if (s.available) return null;
  if (!s.runtimeLoaded) return `no CUDA runtime could be loaded (${s.runtimeError})`;
  if (s.error === 'cudaErrorInsufficientDriver' && !binding<{ runtimeDeviceCount(): { driverVersion?: number } }>().runtimeDeviceCount().driverVersion) {
    return 'no NVIDIA driver (libcuda.so.1 not found; the runtime says cudaErrorInsufficientDriver)';
  }
  if (s.error) return `${s.error}: ${s.errorMessage}`;
  return 'no CUDA device is visible';
}

/** Where @tensorflow/tfjs-core (which every tfjs flavour runs on) is loaded or installed, if it is. */
function tfjsCore(): string | null {
  const marker = `${path.sep}@tensorflow${path.sep}tfjs-core${path.sep}`;
  for (const key of Object.keys(require.cache)) if (key.includes(marker)) return key;
  try {
    return require.resolve('@tensorflow/tfjs-core', { paths: [process.cwd(), __dirname] });
  } catch {
    return null;
  }
}

function seedCuda(value: bigint, report: SeedReport): void {
  // Recorded only: applied when a device's generator is first used, so no context is created.
  cuda.manualSeedAll(value);
  const why = cudaUnusable();
  report.cuda = { seeded: why === null, seed: value, lazy: true, available: why === null };
  if (why === null) report.seeded.push('cuda');
  else report.skipped.push({ source: 'cuda', reason: `no usable CUDA device: ${why}. The seed is recorded and applies to devices used later in this process` });
}

function seedCudnn(o: SeedSettings, report: SeedReport): void {
  if (o.deterministic !== undefined) cudnn.deterministic = o.deterministic;
  cudnn.benchmark = o.benchmark ?? (o.deterministic ? false : cudnn.benchmark);
  report.cudnn.changed = true;
  report.seeded.push('cudnn');
}

function seedCublas(report: SeedReport): void {
  // cuBLAS reads this when its handle is created; deterministic cuBLAS needs a fixed workspace.
  const current = process.env[CUBLAS_VARIABLE];
  if (current) report.skipped.push({ source: CUBLAS_VARIABLE, reason: `already set to ${current}; left as it is` });
  else if (cublasLoaded()) {
    report.skipped.push({ source: CUBLAS_VARIABLE, reason: 'cuBLAS is already loaded and has read its settings; set CUBLAS_WORKSPACE_CONFIG=:4096:8 in the shell' });
  } else {
    setVariable(CUBLAS_VARIABLE, ':4096:8');
    report.seeded.push(CUBLAS_VARIABLE);
  }
}

function seedTfjs(o: SeedSettings, processWide: boolean, threadReason: string, report: SeedReport): void {
  if (processWide) {
    report.tfjs = prepareTfjs({ deterministic: o.deterministic === true, benchmark: o.benchmark === true, patch: true });
    for (const s of report.tfjs.skipped) report.skipped.push({ source: s.variable, reason: s.reason });
    const set = Object.keys(report.tfjs.set);
    noteVariables(set);
    report.seeded.push(...set);
  } else if (o.deterministic) report.skipped.push({ source: 'TF_* variables', reason: threadReason });
  // tfjs-core's unseeded ops and initializers draw from Math.random (its clock-seeded shuffles and
  // multinomial are patched, report.tfjs.patches): without Math.random tfjs is not reproducible.
  const core = tfjsCore();
  if (core !== null && o.mathRandom) report.seeded.push('tfjs');
  else {
    const reason = core === null ? 'no @tensorflow/tfjs-core is installed, so nothing tfjs reads was seeded' : 'tfjs draws from Math.random, which option mathRandom: false left unseeded';
    report.skipped.push({ source: 'tfjs', reason });
  }
}

export function applySeed(value: bigint, source: SeedReport['source'], o: SeedSettings, how: SeedScope): SeedReport {
  const processWide = how.scope === 'process';
  const threadReason = how.threadReason ?? THREAD_REASON;
  const report: SeedReport = {
    seed: value,
    source,
    scope: how.scope,
    seeded: [],
    skipped: [],
    cuda: { seeded: false, seed: null, lazy: true, available: false },
    cudnn: { deterministic: false, benchmark: false, changed: false },
    tfjs: null,
  };
  const skip = (what: string, reason: string) => report.skipped.push({ source: what, reason });

  if (processWide) binding<{ setRootSeed(seed: bigint): void }>().setRootSeed(how.root ?? value);
  else skip('root seed', threadReason);

  if (o.mathRandom) {
    installMathRandom(value);
    report.seeded.push('Math.random');
  } else skip('Math.random', 'option mathRandom: false');

  reseedDefaults(value);
  report.seeded.push('defaults.python', 'defaults.numpy', 'defaults.torch', 'defaults.philox');

  if (!o.cuda) skip('cuda', 'option cuda: false');
  else if (!processWide) skip('cuda', threadReason);
  else seedCuda(value, report);

  if (o.deterministic !== undefined || o.benchmark !== undefined) {
    if (processWide) seedCudnn(o, report);
    else skip('cudnn', threadReason);
  }
  report.cudnn.deterministic = cudnn.deterministic;
  report.cudnn.benchmark = cudnn.benchmark;

  if (o.deterministic) {
    if (processWide) seedCublas(report);
    else skip(CUBLAS_VARIABLE, threadReason);
  }

  if (o.tfjs) seedTfjs(o, processWide, threadReason, report);
  else skip('tfjs', 'option tfjs: false');

  if (how.keepRootVariable) skip(SEED_VARIABLE, "a worker keeps its parent's root seed there, for its own workers");
  else if (!o.env) skip(SEED_VARIABLE, 'option env: false');
  else if (!processWide) skip(SEED_VARIABLE, threadReason);
  else {
    setVariable(SEED_VARIABLE, (how.root ?? value).toString());
    report.seeded.push(SEED_VARIABLE);
  }
  return withJson(report);
}
