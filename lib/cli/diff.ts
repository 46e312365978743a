// `seed-everything diff`: its options, its output and its exit status.
import * as fs from 'node:fs';
import { runDiff } from '../trace/diff';
import { renderHtml } from '../trace/html';
import { formatFailure, formatReport } from '../trace/report';
import { stderrProgress } from '../trace/run';
import { EXIT_OUTPUT, EXIT_USAGE, outputFailed, parseOptions, printReport, usageError } from './output';

const EXIT = { identical: 0, diverged: 1, couldNotRun: 2, usage: EXIT_USAGE, output: EXIT_OUTPUT } as const;
const MAX_RUNS = 1000;

const DIFF_USAGE = `usage: seed-everything diff [--runs N] [--json] [--keep DIR] [--html FILE] -- <command...>

Runs <command> N times with tracing on (SEED_EVERYTHING_TRACE) and the same SEED_EVERYTHING_SEED
(yours, else one fresh seed shared by all runs), compares the checkpoints that trace() and
tfjs.traceModel() recorded, in order, and reports the first one where the runs differ, with what
differs between the runs' environments (seed, doctor, TF_*, CUBLAS_*, CUDA_*, SEED_EVERYTHING_*).

options:
  --runs N      how many runs, 2 to ${MAX_RUNS} (default 2)
  --json        print the report as JSON (its fields: docs/trace-format.md)
  --keep DIR    keep the values of divergent checkpoints and the traces in DIR; the report adds
                the max abs and max ulp difference
  --html FILE   write a self-contained page plotting the difference per checkpoint
  --help, -h    this text

The command runs as given, without a shell (use sh -c '...' for one), with stdin closed; its
stdout is discarded and, when a run fails, the tail of its stderr is shown.
exit status: 0 identical, 1 diverged, 2 could not run (the command failed, or recorded nothing),
64 bad usage, 74 the output could not be written`;

export interface DiffCliOptions {
  runs: number;
  json: boolean;
  keep: string | null;
  html: string | null;
  command: string[];
}

function parseDiffArgs(args: string[]): DiffCliOptions | 'help' | string {
  const split = args.indexOf('--');
  const own = split < 0 ? args : args.slice(0, split);
  const parsed = parseOptions(own, { runs: { type: 'string' }, json: { type: 'boolean' }, keep: { type: 'string' }, html: { type: 'string' } });
  if (typeof parsed === 'string') return parsed;
  const values = parsed as { runs?: string; json?: boolean; keep?: string; html?: string; help?: boolean };
  if (values.help) return 'help';
  const command = split < 0 ? [] : args.slice(split + 1);
  if (split < 0) return 'put the command to run after --, e.g. seed-everything diff -- node train.js';
  if (command.length === 0 || command[0] === '') return 'no command after --';
  let runs = 2;
  if (values.runs !== undefined) {
    runs = Number(values.runs);
    if (!/^\d+$/.test(values.runs) || runs < 2 || runs > MAX_RUNS) return `--runs must be an integer from 2 to ${MAX_RUNS}, not ${JSON.stringify(values.runs)}`;
  }
  for (const key of ['keep', 'html'] as const) if (values[key] === '') return `--${key} needs a path`;
  return { runs, json: values.json ?? false, keep: values.keep ?? null, html: values.html ?? null, command };
}

export async function runDiffCli(args: string[]): Promise<number> {
  const parsed = parseDiffArgs(args);
  if (parsed === 'help') return printReport('diff', DIFF_USAGE, 0);
  if (typeof parsed === 'string') return usageError('diff', parsed, DIFF_USAGE);
  const outcome = await runDiff({
    command: parsed.command,
    runs: parsed.runs,
    keep: parsed.keep,
    values: parsed.html !== null,
    progress: stderrProgress(parsed.runs),
  });
  if (!outcome.ok) {
    if (parsed.json) return printReport('diff', JSON.stringify(outcome.failure, null, 2), EXIT.couldNotRun);
    process.stderr.write(`seed-everything diff: ${formatFailure(outcome.failure)}\n`);
    return EXIT.couldNotRun;
  }
  const { report, plot } = outcome;
  if (parsed.html !== null) {
    try {
      fs.writeFileSync(parsed.html, renderHtml(report, plot));
    } catch (err) {
      return outputFailed('diff', `${parsed.html} (${(err as Error).message})`);
    }
  }
  const text = parsed.json ? JSON.stringify(report, null, 2) : formatReport(report);
  return printReport('diff', text, report.identical ? EXIT.identical : EXIT.diverged);
}
