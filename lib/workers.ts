// Seeding inside worker_threads and child processes: each gets its own stream derived from the
// root seed, its rank and its worker id — never root + n.
import { deriveSeed } from './derive';
import { codedError, invalidArgType, outOfRange } from './errors';
import { readOptions } from './options';
import { seedFromEnvironment, seedScoped, type SeedOptions, type SeedReport } from './seed-everything';
import { type Seed, toSeed } from './seed';

export const RANK_VARIABLES = ['RANK', 'LOCAL_RANK', 'OMPI_COMM_WORLD_RANK', 'PMI_RANK', 'SLURM_PROCID'] as const;

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
  /** The root seed; default SEED_EVERYTHING_SEED (set by seedEverything in the parent). */
  root?: Seed;
  /** Default: the worker thread's threadId (0 on the main thread). Pass it explicitly when workers may start in any order. */
  workerId?: number;
  /** Default: from RANK, LOCAL_RANK, OMPI_COMM_WORLD_RANK, PMI_RANK, SLURM_PROCID. */
  rank?: number;
}

const SEED_WORKER_KEYS = ['root', 'workerId', 'rank', 'deterministic', 'benchmark', 'mathRandom', 'cuda', 'tfjs', 'env'] as const;

/** Seeds this worker with deriveSeed(root, 'worker', rank, workerId). */
export function seedWorker(options?: SeedWorkerOptions): SeedReport {
  // Read once: the copy is what is validated and what seedScoped receives.
  const { root, workerId, rank, ...rest } = readOptions(options, 'seedWorker', SEED_WORKER_KEYS);
  const rootSeed = root === undefined ? seedFromEnvironment() : { value: toSeed(root as Seed, 'root'), source: 'argument' as const };
  if (root === undefined && rootSeed.source === 'random') {
    throw codedError('Error', 'ERR_NO_ROOT_SEED', 'seedWorker() needs a root seed: pass { root } or call seedEverything(seed) in the parent before starting workers (it sets SEED_EVERYTHING_SEED)');
  }
  // Loaded here, not at require time: it costs a few milliseconds of every start-up.
  const { isMainThread, threadId } = require('node:worker_threads') as typeof import('node:worker_threads');
  const id = workerId ?? (isMainThread ? 0 : threadId);
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) throw outOfRange('workerId', 'a non-negative integer', id);
  let r: { rank: number; source: string };
  if (rank === undefined) r = detectRank();
  else if (typeof rank !== 'number' || !Number.isSafeInteger(rank) || rank < 0) throw outOfRange('rank', 'a non-negative integer', rank);
  else r = { rank, source: 'option' };
  const derived = deriveSeed(rootSeed.value, 'worker', r.rank, id);
  // In a worker thread only thread-local generators are seeded; a child process's main thread owns
  // its process and seeds all of it, except the variable: its own children should see the root.
  const report = seedScoped(derived, { ...rest, env: false } as SeedOptions, isMainThread ? 'process' : 'thread');
  report.worker = { root: rootSeed.value, rank: r.rank, rankSource: r.source, workerId: id };
  return report;
}
