// A child process for child-workers.test.ts: seedWorker() as a forked worker calls it, then a few
// draws; optionally forks its own children (with workerEnv, or inheriting its environment) and
// reports theirs too. Answers over the IPC channel.
import { fork } from 'node:child_process';
import { seedWorker, workerEnv, getRngState } from '../../../lib/index';

interface Plan {
  options?: Record<string, unknown>;
  children?: { workerEnv?: number; inherit?: boolean }[];
}

const plan = JSON.parse(process.argv[2] ?? '{}') as Plan;

function run(): Record<string, unknown> {
  try {
    const r = seedWorker(plan.options as never);
    return { ok: true, seed: String(r.seed), root: String(r.worker?.root), path: r.worker?.path, idSource: r.worker?.idSource, rank: r.worker?.rank, rootSeed: getRngState().rootSeed, draws: Array.from({ length: 4 }, () => Math.random()) };
  } catch (err) {
    return { ok: false, code: (err as { code?: string }).code, message: (err as Error).message };
  }
}

function child(spec: { workerEnv?: number }): Promise<unknown> {
  const env = spec.workerEnv === undefined ? process.env : { ...process.env, ...workerEnv(spec.workerEnv) };
  const c = fork(__filename, ['{}'], { env, execArgv: process.execArgv });
  return new Promise((resolve, reject) => {
    c.once('message', resolve);
    c.once('error', reject);
  });
}

(async () => {
  const me = run();
  const children = [];
  for (const spec of plan.children ?? []) children.push(await child(spec));
  process.send?.({ ...me, children }, () => process.exit(0));
})();
