// A program for `diff` to run. It records CHECKPOINTS (default 20) checkpoints named "step", then
// one named "done". It counts its runs in the file RUN_COUNTER, so that it can misbehave on purpose:
//   DIVERGE_AT=k      from checkpoint k (0-based) on, run r's values are off by r·1e-3
//   EXTRA_IN_RUN=r    run r records one "step" more
//   SHORT_IN_RUN=r    run r stops before "done"
//   FAIL=code         write to stderr and exit with `code`
//   ENV_DIFFERS=1     each run sets TF_TRACE_TEST=run<r> and cudnn.deterministic = (r is odd)
//   WORKER=1          a worker thread records WORKER_CHECKPOINTS (5) "work" checkpoints as well,
//                     off by the run number from WORKER_DIVERGE_AT (when set)
//   TRACE_SEED=1      records the root seed first
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { PyRandom, cudnn, seedEverything, trace } from '../../../lib/index';
import { runNumber } from './run-number';

function record(name: string, count: number, divergeAt: number, run: number, seed: bigint): void {
  const rng = new PyRandom(seed);
  const values = new Float32Array(64);
  for (let step = 0; step < count; step++) {
    const off = step >= divergeAt ? run * 1e-3 * (step - divergeAt + 1) : 0;
    for (let i = 0; i < values.length; i++) values[i] = rng.random() + off;
    trace(name, values);
  }
}

const at = (v: string | undefined) => (v === undefined ? Infinity : Number(v));

if (isMainThread) {
  const report = seedEverything(undefined, { deterministic: true });
  const run = runNumber();
  if (process.env.FAIL) {
    process.stderr.write(`failing on purpose in run ${run}\n`);
    process.exit(Number(process.env.FAIL));
  }
  if (process.env.TRACE_SEED) trace('seed', report.seed);
  if (process.env.ENV_DIFFERS) {
    process.env.TF_TRACE_TEST = `run${run}`;
    cudnn.deterministic = run % 2 === 1;
  }
  const worker = process.env.WORKER ? new Worker(__filename, { workerData: { run, seed: report.seed } }) : null;
  const count = Number(process.env.CHECKPOINTS ?? 20) + (Number(process.env.EXTRA_IN_RUN) === run ? 1 : 0);
  record('step', count, at(process.env.DIVERGE_AT), run, report.seed);
  if (Number(process.env.SHORT_IN_RUN) !== run) trace('done', { steps: count, label: 'end' });
  worker?.on('error', (err) => {
    throw err;
  });
} else {
  const { run, seed } = workerData as { run: number; seed: bigint };
  record('work', Number(process.env.WORKER_CHECKPOINTS ?? 5), at(process.env.WORKER_DIVERGE_AT), run, seed + 1n);
}
