// `seed-everything diff`: runs a command N times with tracing on and the same seed, compares the
// traces in order and reports the first checkpoint where the runs disagree (docs/trace-format.md
// describes the JSON report).
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compareEnvironments, compareTraces, viewOf, type CheckpointRef, type CheckpointView, type DivergenceReason, type EnvDifference, type Position, type ThreadComparison } from './compare';
import { bigintDifference, difference, numericType, type Difference } from './difference';
import { readTrace, type CheckpointRecord, type Trace } from './format';
import { runOnce, type Progress, type RunResult, type RunSpec } from './run';

const DIFF_SCHEMA = 1;
const COMPARED_ENVIRONMENT = ['seed', 'doctor', 'TF_*', 'CUBLAS_*', 'CUDA_*', 'SEED_EVERYTHING_*'];

export interface DiffOptions {
  command: string[];
  runs: number;
  /** keep the values of divergent checkpoints (and the traces) here */
  keep: string | null;
  /** record values so the report can say how far apart they are (--keep and --html) */
  values: boolean;
  env?: NodeJS.ProcessEnv;
  progress: Progress;
}

export interface JsonDifference {
  /** a number, or "Infinity" where one side is NaN or infinite and the other is not */
  maxAbs: number | 'Infinity';
  maxUlp: number | 'Infinity';
  lengthsDiffer: boolean;
  /** the run the others were measured against */
  against: number;
}

export interface Divergence {
  checkpoint: string;
  occurrence: number;
  /** 0: the main thread, else the worker's threadId */
  thread: number;
  /** 1-based position among the thread's checkpoints */
  position: number;
  reason: DivergenceReason;
  runs: CheckpointView[];
  /** run numbers grouped by identical checkpoints; the group of run 1 first */
  groups: number[][];
  /** the runs whose checkpoint differs from run 1's */
  differingRuns: number[];
  lastIdentical: CheckpointRef | null;
  /** null unless values were recorded (--keep, --html) and the checkpoint holds numbers */
  difference: JsonDifference | null;
}

export interface RunSummary {
  run: number;
  checkpoints: number;
  threads: number;
  exitCode: number;
  durationMs: number;
}

export interface DiffReport {
  schema: typeof DIFF_SCHEMA;
  identical: boolean;
  runs: number;
  command: string[];
  seed: string;
  seedSource: 'caller' | 'fresh';
  /** run 1's checkpoint count (every run's, when identical) */
  checkpoints: number;
  perRun: RunSummary[];
  firstDivergence: Divergence | null;
  /** positions of firstDivergence's thread where the runs disagree, the first one included */
  divergentCheckpoints: number;
  environment: { compared: string[]; differences: EnvDifference[] };
  kept: { dir: string; checkpoints: number } | null;
}

export interface DiffFailure {
  schema: typeof DIFF_SCHEMA;
  identical: null;
  runs: number;
  command: string[];
  seed: string;
  seedSource: 'caller' | 'fresh';
  error: { message: string; run: number | null; exitCode: number | null; signal: string | null; stderrTail: string };
}

/** One point of the plot: a position of the divergent thread. */
export interface PlotPoint {
  position: number;
  checkpoint: string;
  occurrence: number;
  reason: DivergenceReason | null;
  /** null: not comparable as numbers (missing, another type, not numeric, or values not recorded) */
  maxAbs: number | null;
}

export type DiffOutcome = { ok: true; report: DiffReport; plot: PlotPoint[] } | { ok: false; failure: DiffFailure };

function diffSeed(env: NodeJS.ProcessEnv): { seed: string; source: 'caller' | 'fresh' } {
  const given = env.SEED_EVERYTHING_SEED;
  if (given !== undefined && given !== '') return { seed: given, source: 'caller' };
  return { seed: randomBytes(8).readBigUInt64LE().toString(), source: 'fresh' };
}

/** Reads checkpoints' value bytes from a run's values folder, one open file per thread. */
class Values {
  private fds = new Map<string, number>();
  read(run: RunResult, r: CheckpointRecord | undefined): Uint8Array | null {
    if (!r || !run.valuesDir || r.at === undefined || r.bytes === undefined) return null;
    const file = path.join(run.valuesDir, `values-${r.th ?? 0}.bin`);
    let fd = this.fds.get(file);
    if (fd === undefined) {
      try {
        fd = fs.openSync(file, 'r');
      } catch {
        return null;
      }
      this.fds.set(file, fd);
    }
    const buf = Buffer.alloc(r.bytes);
    return fs.readSync(fd, buf, 0, r.bytes, r.at) === r.bytes ? buf : null;
  }
  close(): void {
    for (const fd of this.fds.values()) fs.closeSync(fd);
    this.fds.clear();
  }
}

function measure(values: Values, runs: RunResult[], p: Position): (Difference & { against: number }) | null {
  const base = p.records.findIndex((r) => r !== undefined);
  const ref = p.records[base]!;
  const type = numericType(ref);
  const a = values.read(runs[base], ref);
  if (a === null || (type === null && ref.type !== 'bigint')) return null;
  let out: (Difference & { against: number }) | null = null;
  p.records.forEach((r, i) => {
    if (i === base || !r || r.hash === ref.hash || numericType(r) !== type || r.type !== ref.type) return;
    const b = values.read(runs[i], r);
    if (b === null) return;
    const d = type === null ? bigintDifference(a, b) : difference(type, a, b);
    out ??= { maxAbs: 0, maxUlp: 0, lengthsDiffer: false, against: base + 1 };
    out.maxAbs = Math.max(out.maxAbs, d.maxAbs);
    out.maxUlp = Math.max(out.maxUlp, d.maxUlp);
    out.lengthsDiffer ||= d.lengthsDiffer;
  });
  return out;
}

const jsonInfinity = (x: number): number | 'Infinity' => (x === Infinity ? 'Infinity' : x);

function jsonDifference(d: ReturnType<typeof measure>): JsonDifference | null {
  return d ? { maxAbs: jsonInfinity(d.maxAbs), maxUlp: jsonInfinity(d.maxUlp), lengthsDiffer: d.lengthsDiffer, against: d.against } : null;
}

function divergence(c: ThreadComparison, p: Position, d: ReturnType<typeof measure>): Divergence {
  const last = c.lastIdenticalBeforeFirst;
  return {
    checkpoint: p.checkpoint,
    occurrence: p.occurrence,
    thread: c.thread,
    position: p.position,
    reason: p.reason!,
    runs: p.records.map((r, i) => viewOf(i + 1, r)),
    groups: p.groups,
    differingRuns: p.groups.slice(1).flat().sort((a, b) => a - b),
    lastIdentical: last ? { checkpoint: last.checkpoint, occurrence: last.occurrence, position: last.position } : null,
    difference: jsonDifference(d),
  };
}

function safeName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || '_';
}

/** Copies the traces, and every divergent checkpoint's value bytes per run, into `dir`. */
function keepValues(dir: string, runs: RunResult[], comparisons: ThreadComparison[], values: Values, report: Omit<DiffReport, 'kept'>): number {
  fs.mkdirSync(dir, { recursive: true });
  for (const r of runs) fs.copyFileSync(r.traceFile, path.join(dir, path.basename(r.traceFile)));
  const index: unknown[] = [];
  for (const c of comparisons) {
    for (const p of c.positions) {
      if (p.reason === null) continue;
      const files: Record<string, string> = {};
      p.records.forEach((r, i) => {
        const bytes = values.read(runs[i], r);
        if (!bytes) return;
        const file = `t${c.thread}-${String(p.position).padStart(6, '0')}-${safeName(p.checkpoint)}-${p.occurrence}.run${i + 1}.bin`;
        fs.writeFileSync(path.join(dir, file), bytes);
        files[String(i + 1)] = file;
      });
      index.push({
        thread: c.thread,
        position: p.position,
        checkpoint: p.checkpoint,
        occurrence: p.occurrence,
        reason: p.reason,
        runs: p.records.map((r, i) => viewOf(i + 1, r)),
        files,
        difference: jsonDifference(measure(values, runs, p)),
      });
    }
  }
  fs.writeFileSync(path.join(dir, 'divergent.json'), JSON.stringify(index, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'report.json'), JSON.stringify({ ...report, kept: { dir, checkpoints: index.length } }, null, 2) + '\n');
  return index.length;
}

function failure(opts: DiffOptions, seed: ReturnType<typeof diffSeed>, message: string, run: RunResult | null): DiffOutcome {
  return {
    ok: false,
    failure: {
      schema: DIFF_SCHEMA,
      identical: null,
      runs: opts.runs,
      command: opts.command,
      seed: seed.seed,
      seedSource: seed.source,
      error: { message, run: run?.run ?? null, exitCode: run?.exitCode ?? null, signal: run?.signal ?? null, stderrTail: run?.stderrTail ?? '' },
    },
  };
}

export async function runDiff(opts: DiffOptions): Promise<DiffOutcome> {
  const baseEnv = opts.env ?? process.env;
  const seed = diffSeed(baseEnv);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-everything-diff-'));
  const values = new Values();
  const spec: RunSpec = { command: opts.command, env: { ...baseEnv, SEED_EVERYTHING_SEED: seed.seed }, dir, values: opts.values || opts.keep !== null };
  // Interrupted: the run in progress goes too, and so do the traces, instead of lingering.
  const onSignal = (signal: NodeJS.Signals) => {
    spec.current?.kill(signal);
    opts.progress.finish();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(128 + (os.constants.signals[signal] ?? 1));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const runs: RunResult[] = [];
    for (let run = 1; run <= opts.runs; run++) {
      const r = await runOnce(spec, run, opts.progress);
      runs.push(r);
      if (r.startError) return failure(opts, seed, `run ${run} could not start ${JSON.stringify(opts.command[0])}: ${r.startError}`, r);
      if (r.exitCode !== 0) {
        const how = r.signal ? `was killed by ${r.signal}` : `exited with code ${r.exitCode}`;
        return failure(opts, seed, `run ${run} of the command ${how}`, r);
      }
    }
    opts.progress.finish();
    let traces: Trace[];
    try {
      traces = runs.map((r) => readTrace(r.traceFile));
    } catch (err) {
      return failure(opts, seed, `a trace could not be read: ${(err as Error).message}`, null);
    }
    if (traces.every((t) => t.count === 0)) {
      return failure(opts, seed, 'no run recorded a checkpoint: the command must call trace() or tfjs.traceModel() (from seed-everything) while SEED_EVERYTHING_TRACE is set', null);
    }
    const comparisons = compareTraces(traces);
    const diverged = comparisons.find((c) => c.first !== null) ?? null;
    const shown = diverged ?? comparisons.find((c) => c.thread === 0) ?? comparisons[0];
    const first = diverged ? divergence(diverged, diverged.first!, measure(values, runs, diverged.first!)) : null;
    const body: Omit<DiffReport, 'kept'> = {
      schema: DIFF_SCHEMA,
      identical: diverged === null,
      runs: opts.runs,
      command: opts.command,
      seed: seed.seed,
      seedSource: seed.source,
      checkpoints: traces[0].count,
      perRun: runs.map((r, i) => ({ run: r.run, checkpoints: traces[i].count, threads: traces[i].threads.size, exitCode: r.exitCode!, durationMs: r.durationMs })),
      firstDivergence: first,
      divergentCheckpoints: diverged ? diverged.positions.filter((p) => p.reason !== null).length : 0,
      environment: { compared: COMPARED_ENVIRONMENT, differences: compareEnvironments(traces.map((t) => t.env)) },
    };
    const kept = opts.keep !== null && diverged ? { dir: path.resolve(opts.keep), checkpoints: keepValues(opts.keep, runs, comparisons, values, body) } : null;
    const plot: PlotPoint[] = shown.positions.map((p) => ({
      position: p.position,
      checkpoint: p.checkpoint,
      occurrence: p.occurrence,
      reason: p.reason,
      maxAbs: p.reason === null ? 0 : measure(values, runs, p)?.maxAbs ?? null,
    }));
    return { ok: true, report: { ...body, kept }, plot };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    opts.progress.finish();
    values.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
