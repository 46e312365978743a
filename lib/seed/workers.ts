// Seeding inside worker_threads, child processes and worker pools: each gets its own stream
// derived from the root seed, its rank and an identity that cannot collide silently — never
// root + n. A child process's identity comes from its parent (workerEnv) or options.workerId; a
// pool's task is seeded from its task id, whichever thread runs it.
import { deriveSeed, type PathPart } from '../compat/derive';
import { codedError, invalidArgType, outOfRange } from '../core/errors';
import { isCount, toU64 } from '../core/ints';
import { readPlainOptions } from '../core/read';
import { onMainThread, rootSeed, SEED_VARIABLE } from './process-wide';
import { applySeed, type SeedReport } from './apply';
import { SEED_OPTION_KEYS, seedFromEnvironment, seedSettings, type SeedOptions } from './seed-everything';
import { type Seed, toSeed } from '../core/seed';

const RANK_VARIABLES = ['RANK', 'LOCAL_RANK', 'OMPI_COMM_WORLD_RANK', 'PMI_RANK', 'SLURM_PROCID'] as const;
/** A child's worker id path ("3", or "1.3" for worker 3 of worker process 1), set by workerEnv. */
const WORKER_ID_VARIABLE = 'SEED_EVERYTHING_WORKER_ID';
/** The pid of the process that took SEED_EVERYTHING_WORKER_ID, so that its own children do not reuse it. */
const WORKER_PID_VARIABLE = 'SEED_EVERYTHING_WORKER_PID';
const RANK_VARIABLE = 'SEED_EVERYTHING_RANK';

/** The process's rank from the launcher's variables (torchrun, Open MPI, MPICH/PMI, Slurm), first found wins. */
export function detectRank(env: Readonly<Record<string, string | undefined>> = process.env): { rank: number; source: string } {
  if (env === null || typeof env !== 'object') throw invalidArgType('env', 'an object of environment variables', env);
  for (const name of RANK_VARIABLES) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    if (typeof raw !== 'string') throw invalidArgType(`env.${name}`, 'a string', raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(Number(raw))) {
      throw codedError('RangeError', 'ERR_INVALID_RANK', `${name}=${raw} is not a non-negative integer`);
    }
    return { rank: Number(raw), source: name };
  }
  return { rank: 0, source: 'default' };
}

export interface SeedWorkerOptions extends SeedOptions {
  /** The root seed; default the root handed down (the process's root seed, else SEED_EVERYTHING_SEED). */
  root?: Seed;
  /**
   * In a worker thread, default its threadId. In a child process there is no default: start it
   * with workerEnv(id) in its environment, or pass workerId here.
   */
  workerId?: number;
  /** Default: SEED_EVERYTHING_RANK (workerEnv), then RANK, LOCAL_RANK, OMPI_COMM_WORLD_RANK, PMI_RANK, SLURM_PROCID. */
  rank?: number;
}

export interface WorkerEnvOptions {
  /** The child's rank (SEED_EVERYTHING_RANK); default: the child detects its own. */
  rank?: number;
  /** Default: the process's root seed, else SEED_EVERYTHING_SEED. */
  root?: Seed;
}

export interface SeedTaskOptions {
  root?: Seed;
  rank?: number;
  /** Replace Math.random in the running thread (default true). */
  mathRandom?: boolean;
}

function nonNegative(value: unknown, name: string): number {
  if (!isCount(value)) throw outOfRange(name, 'a non-negative safe integer', value);
  return value;
}

/** The root handed down: the process's root seed (live in every thread), else SEED_EVERYTHING_SEED. */
function inheritedRoot(given: unknown, owner: string): bigint {
  if (given !== undefined) return toSeed(given, 'root');
  const root = rootSeed();
  if (root !== null) return root;
  const raw = process.env[SEED_VARIABLE];
  if (raw !== undefined && raw.trim() !== '') return seedFromEnvironment().value;
  throw codedError(
    'Error',
    'ERR_NO_ROOT_SEED',
    `${owner}() needs a root seed: pass { root } or call seedEverything(seed) first (in the parent, before starting workers: it sets the process's root seed and SEED_EVERYTHING_SEED)`,
  );
}

function rankOf(given: unknown): { rank: number; source: string } {
  if (given !== undefined) return { rank: nonNegative(given, 'rank'), source: 'option' };
  const raw = process.env[RANK_VARIABLE];
  if (raw !== undefined && raw !== '') {
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw codedError('RangeError', 'ERR_INVALID_RANK', `${RANK_VARIABLE}=${raw} is not a non-negative integer`);
    return { rank: Number(raw), source: RANK_VARIABLE };
  }
  return detectRank();
}

/** This process's worker id path from its parent, unless it was inherited through a worker that took it. */
function processPath(): { path: number[] | null; takenBy?: string } {
  const raw = process.env[WORKER_ID_VARIABLE];
  if (raw === undefined || raw === '') return { path: null };
  if (!/^\d+(\.\d+)*$/.test(raw) || raw.split('.').some((p) => !Number.isSafeInteger(Number(p)))) {
    throw codedError('RangeError', 'ERR_INVALID_WORKER_ID', `${WORKER_ID_VARIABLE}=${raw} is not a worker id path (non-negative integers joined by dots); set it with workerEnv()`);
  }
  const takenBy = process.env[WORKER_PID_VARIABLE];
  if (takenBy !== undefined && takenBy !== '' && takenBy !== String(process.pid)) return { path: null, takenBy };
  return { path: raw.split('.').map(Number) };
}

function idRequired(takenBy: string | undefined): Error {
  const inherited = takenBy
    ? ` (${WORKER_ID_VARIABLE}=${process.env[WORKER_ID_VARIABLE]} is inherited: worker process ${takenBy} already uses it)`
    : '';
  return codedError(
    'Error',
    'ERR_WORKER_ID_REQUIRED',
    `seedWorker() in a child process needs a worker id${inherited}, or every child would draw the same stream. ` +
      "Start each child with its own: fork(file, args, { env: { ...process.env, ...workerEnv(id) } }) (or spawn's env option), or call seedWorker({ workerId })",
  );
}

/**
 * Environment variables for a child process that will call seedWorker(): the root seed, its worker
 * id (nested under this process's own id when this process is itself a worker) and, when given,
 * its rank. Use as `{ env: { ...process.env, ...workerEnv(id) } }` in fork/spawn options.
 */
export function workerEnv(workerId: number, options?: WorkerEnvOptions): Record<string, string> {
  const id = nonNegative(workerId, 'workerId');
  const copy = readPlainOptions(options, 'workerEnv', ['rank', 'root'] as const);
  const root = inheritedRoot(copy.root, 'workerEnv');
  const rank = copy.rank === undefined ? undefined : nonNegative(copy.rank, 'rank');
  const own = processPath().path ?? [];
  const env: Record<string, string> = {
    [SEED_VARIABLE]: root.toString(),
    [WORKER_ID_VARIABLE]: [...own, id].join('.'),
    [WORKER_PID_VARIABLE]: '',
  };
  if (rank !== undefined) env[RANK_VARIABLE] = String(rank);
  return env;
}

/**
 * Seeds this worker with deriveSeed(root, 'worker', rank, ...idPath). In a worker thread only its
 * own generators are seeded (idPath: its process's id path, if any, then workerId or threadId); in
 * a child process the whole process is (idPath from workerEnv, or [workerId]), and its root seed
 * stays the run's root.
 */
export function seedWorker(options?: SeedWorkerOptions): SeedReport {
  const copy = readPlainOptions(options, 'seedWorker', [...SEED_OPTION_KEYS, 'root', 'workerId', 'rank'] as const);
  const settings = seedSettings(copy, 'seedWorker');
  const workerId = copy.workerId === undefined ? undefined : nonNegative(copy.workerId, 'workerId');
  const root = inheritedRoot(copy.root, 'seedWorker');
  const main = onMainThread();
  const proc = processPath();
  let path: number[];
  let idSource: 'option' | 'env' | 'threadId';
  if (!main) {
    const { threadId } = require('node:worker_threads') as typeof import('node:worker_threads');
    path = [...(proc.path ?? []), workerId ?? threadId];
    idSource = workerId === undefined ? 'threadId' : 'option';
  } else if (workerId !== undefined) [path, idSource] = [[workerId], 'option'];
  else if (proc.path !== null) [path, idSource] = [proc.path, 'env'];
  else throw idRequired(proc.takenBy);
  const r = rankOf(copy.rank);
  const derived = deriveSeed(root, 'worker', r.rank, ...path);
  const report = applySeed(derived, 'argument', settings, main ? { scope: 'process', root, keepRootVariable: true } : { scope: 'thread' });
  // Taken: this process's own children inherit the variable but must not reuse the id.
  if (main && idSource === 'env') process.env[WORKER_PID_VARIABLE] = String(process.pid);
  report.worker = { root, rank: r.rank, rankSource: r.source, workerId: path[path.length - 1], path: path.join('.'), idSource };
  return report;
}

/**
 * Seeds the generators of the thread running a task from the task's id alone:
 * deriveSeed(root, 'task', rank, taskId). For worker pools, whose threads start lazily and take
 * tasks in any order: call it first in every task, and the task draws the same numbers on every
 * run, whichever thread runs it. Process-wide parts are never touched.
 */
export function seedTask(taskId: PathPart, options?: SeedTaskOptions): SeedReport {
  if (typeof taskId === 'number') nonNegative(taskId, 'taskId');
  else if (typeof taskId === 'bigint') toU64(taskId, 'taskId');
  else if (typeof taskId !== 'string') throw invalidArgType('taskId', 'a string, a non-negative safe integer or a bigint below 2^64', taskId);
  const copy = readPlainOptions(options, 'seedTask', ['root', 'rank', 'mathRandom'] as const);
  const settings = seedSettings({ mathRandom: copy.mathRandom }, 'seedTask');
  const root = inheritedRoot(copy.root, 'seedTask');
  const r = rankOf(copy.rank);
  const derived = deriveSeed(root, 'task', r.rank, taskId);
  const report = applySeed(derived, 'argument', settings, { scope: 'thread', threadReason: 'seedTask seeds only the generators of the thread running the task' });
  report.task = { root, rank: r.rank, rankSource: r.source, taskId: String(taskId) };
  return report;
}
