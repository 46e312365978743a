// Running the command once per run with tracing on: the same environment every time (one seed),
// its own trace file each time, stderr's tail kept for when it fails, a progress line meanwhile.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OWNER_VARIABLE, TRACE_VARIABLE, VALUES_VARIABLE } from './format';

const TAIL_BYTES = 4096;

export interface RunResult {
  run: number;
  exitCode: number | null;
  signal: string | null;
  durationMs: number;
  /** the trace file this run wrote */
  traceFile: string;
  /** the folder of this run's value bytes, or null when values were not recorded */
  valuesDir: string | null;
  stderrTail: string;
  /** why the command could not be started, e.g. spawn ENOENT */
  startError: string | null;
}

export interface RunSpec {
  command: string[];
  env: NodeJS.ProcessEnv;
  dir: string;
  values: boolean;
  /** the run in progress, for a signal to pass on */
  current?: ChildProcess | null;
}

export interface Progress {
  start(run: number): void;
  tick(run: number, checkpoints: number, ms: number): void;
  done(run: number, checkpoints: number, ms: number): void;
  finish(): void;
}

/** Counts the checkpoint lines (`{"k":"cp"…`) appended to a growing file, reading only what is new. */
class LineCounter {
  private offset = 0;
  private column = 0;
  count = 0;
  constructor(private readonly file: string) {}
  poll(): number {
    let fd: number;
    try {
      fd = fs.openSync(this.file, 'r');
    } catch {
      return this.count;
    }
    try {
      const buf = Buffer.allocUnsafe(1 << 16);
      for (let n; (n = fs.readSync(fd, buf, 0, buf.length, this.offset)) > 0; this.offset += n) {
        for (let i = 0; i < n; i++) {
          if (this.column === 6 && buf[i] === 0x63) this.count++;
          this.column = buf[i] === 10 ? 0 : this.column + 1;
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    return this.count;
  }
}

export function runOnce(spec: RunSpec, run: number, progress: Progress): Promise<RunResult> {
  const traceFile = path.join(spec.dir, `run-${run}.jsonl`);
  const valuesDir = spec.values ? path.join(spec.dir, `values-${run}`) : null;
  if (valuesDir) fs.mkdirSync(valuesDir);
  const env: NodeJS.ProcessEnv = { ...spec.env, [TRACE_VARIABLE]: traceFile };
  delete env[OWNER_VARIABLE];
  if (valuesDir) env[VALUES_VARIABLE] = valuesDir;
  else delete env[VALUES_VARIABLE];
  const counter = new LineCounter(traceFile);
  const t0 = Date.now();
  progress.start(run);
  return new Promise((resolve) => {
    let tail = Buffer.alloc(0);
    let startError: string | null = null;
    const child = spawn(spec.command[0], spec.command.slice(1), { env, stdio: ['ignore', 'ignore', 'pipe'] });
    spec.current = child;
    child.stderr!.on('data', (d: Buffer) => {
      tail = Buffer.concat([tail, d]);
      if (tail.length > TAIL_BYTES * 2) tail = tail.subarray(tail.length - TAIL_BYTES);
    });
    const timer = setInterval(() => progress.tick(run, counter.poll(), Date.now() - t0), 250);
    child.on('error', (err) => {
      startError = err.message;
    });
    child.on('close', (code, signal) => {
      spec.current = null;
      clearInterval(timer);
      const ms = Date.now() - t0;
      progress.done(run, counter.poll(), ms);
      const text = tail.subarray(Math.max(0, tail.length - TAIL_BYTES)).toString('utf8');
      resolve({ run, exitCode: code, signal, durationMs: ms, traceFile, valuesDir, stderrTail: text, startError });
    });
  });
}

/** Progress on stderr: one line rewritten in place on a terminal, one line per run otherwise. */
export function stderrProgress(runs: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  const text = (run: number, n: number, ms: number) => `seed-everything diff: run ${run}/${runs}: ${n} checkpoint${n === 1 ? '' : 's'}, ${(ms / 1000).toFixed(1)} s`;
  let shown = false;
  return {
    start(run) {
      if (tty) {
        stream.write(`\r\x1b[K${text(run, 0, 0)}`);
        shown = true;
      } else stream.write(`seed-everything diff: run ${run}/${runs} started\n`);
    },
    tick(run, n, ms) {
      if (tty) stream.write(`\r\x1b[K${text(run, n, ms)}`);
    },
    done(run, n, ms) {
      if (tty) stream.write(`\r\x1b[K${text(run, n, ms)}`);
      else stream.write(`${text(run, n, ms)}, done\n`);
    },
    finish() {
      if (tty && shown) stream.write('\r\x1b[K');
    },
  };
}
