// The trace file: JSON lines, one record per line, described in docs/trace-format.md. Writers
// (this package, or a program in another language) append; `diff` reads.
import * as fs from 'node:fs';
import { codedError } from '../core/errors';
import type { Summary } from './value';

export const FORMAT = 'seed-everything-trace';
export const FORMAT_VERSION = 1;
/** the trace file to append to; tracing is off when it is unset or empty */
export const TRACE_VARIABLE = 'SEED_EVERYTHING_TRACE';
/** a folder for each thread's value bytes (`values-<thread>.bin`); values are not kept when unset */
export const VALUES_VARIABLE = 'SEED_EVERYTHING_TRACE_VALUES';
/** the pid of the process that records; descendants inherit it and stay silent */
export const OWNER_VARIABLE = 'SEED_EVERYTHING_TRACE_OWNER';
/** the environment variables an `env` record keeps, and diff compares */
export const ENV_PATTERN = /^(TF_|CUBLAS_|CUDA_|SEED_EVERYTHING_)/;
/** set by diff to differ between runs: never a difference worth reporting */
export const PER_RUN_VARIABLES: readonly string[] = [TRACE_VARIABLE, VALUES_VARIABLE, OWNER_VARIABLE];

export interface HeaderRecord {
  k: 'header';
  format: typeof FORMAT;
  version: number;
  hash: string;
  th?: number;
  pid?: number;
  writer?: string;
}

export interface CheckpointRecord extends Summary {
  k: 'cp';
  name: string;
  /** occurrence: how many checkpoints of this name the thread recorded before this one */
  n: number;
  hash: string;
  type: string;
  dtype?: string;
  shape?: number[];
  length: number;
  /** the worker thread's threadId; absent on the main thread */
  th?: number;
  /** where the value's bytes start in values-<th>.bin, and how many there are */
  at?: number;
  bytes?: number;
}

export interface EnvRecord {
  k: 'env';
  vars: Record<string, string>;
  /** the root seed seedEverything set, as a decimal string, or null */
  seed: string | null;
  /** doctor() at exit, or { error } when it failed */
  doctor: unknown;
}

export type TraceRecord = HeaderRecord | CheckpointRecord | EnvRecord;

export interface Trace {
  /** each thread's checkpoints in the order they were recorded; key 0 is the main thread */
  threads: Map<number, CheckpointRecord[]>;
  env: EnvRecord | null;
  count: number;
}

function bad(file: string, line: number, why: string) {
  return codedError('Error', 'ERR_TRACE_FORMAT', `${file}:${line}: ${why}`, { file, line });
}

/**
 * Reads a trace file. A missing file is an empty trace (the program recorded nothing); a line that
 * breaks the format is an error naming the line, except a last line cut short by a crash.
 */
export function readTrace(file: string): Trace {
  const trace: Trace = { threads: new Map(), env: null, count: 0 };
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return trace;
    throw err;
  }
  // Every record ends with a newline: what follows the last one is a line cut short.
  const lines = text.split('\n');
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i];
    if (line.trim() === '') continue;
    let r: TraceRecord;
    try {
      r = JSON.parse(line) as TraceRecord;
    } catch {
      throw bad(file, i + 1, 'not JSON');
    }
    if (r === null || typeof r !== 'object') throw bad(file, i + 1, 'not a record');
    if (r.k === 'header') {
      if (r.format !== FORMAT || r.version !== FORMAT_VERSION) throw bad(file, i + 1, `format ${r.format} ${r.version}, expected ${FORMAT} ${FORMAT_VERSION}`);
    } else if (r.k === 'cp') {
      if (typeof r.name !== 'string' || !Number.isSafeInteger(r.n) || typeof r.hash !== 'string' || typeof r.type !== 'string') {
        throw bad(file, i + 1, 'a checkpoint needs name, n, hash and type');
      }
      const th = r.th ?? 0;
      let list = trace.threads.get(th);
      if (!list) trace.threads.set(th, (list = []));
      list.push(r);
      trace.count++;
    } else if (r.k === 'env') trace.env = r;
  }
  return trace;
}
