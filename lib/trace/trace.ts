// trace(name, value): a checkpoint in the trace file named by SEED_EVERYTHING_TRACE (set by
// `seed-everything diff`). The variable is read at the first call; with it unset a call only
// checks the kind of its arguments, so traces can stay in a program for good.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, threadId } from 'node:worker_threads';
import { binding, isAddonLoaded } from '../core/binding';
import { doctor } from '../doctor/doctor';
import { codedError, invalidArgType } from '../core/errors';
import { classify } from './encode';
import {
  ENV_PATTERN,
  FORMAT,
  FORMAT_VERSION,
  OWNER_VARIABLE,
  PER_RUN_VARIABLES,
  TRACE_VARIABLE,
  VALUES_VARIABLE,
  type CheckpointRecord,
  type EnvRecord,
  type HeaderRecord,
} from './format';
import { HASH_NAME, hash128 } from './hash';
import { encode } from './value';

const UNKNOWN = 0;
const OFF = 1;
const ON = 2;
let mode = UNKNOWN;

interface Writer {
  fd: number;
  valuesFd: number;
  valuesAt: number;
  counts: Map<string, number>;
  /**
   * Lines not yet written. The main thread buffers (one write per 64 KiB instead of one per
   * checkpoint) and flushes at exit; a worker writes at once, since terminate() skips its exit.
   */
  pending: string[];
  pendingBytes: number;
  buffered: boolean;
}
const FLUSH_BYTES = 1 << 16;
let writer: Writer | undefined;

/**
 * Records `value` as a checkpoint named `name` when tracing is on. Accepted: typed arrays, numbers,
 * bigints, strings, booleans, null, plain arrays and objects of those, tfjs tensors (`dataSync()`).
 * Anything else throws a TypeError (`ERR_INVALID_ARG_TYPE`), tracing on or off; what an array or
 * object holds is only read, and so only refused, when tracing is on.
 */
export function trace(name: string, value: unknown): void {
  if (typeof name !== 'string' || name === '') throw invalidArgType('trace() name', 'a non-empty string', name);
  if (mode !== ON && (mode === OFF || !start())) {
    classify(value);
    return;
  }
  record(writer!, name, value);
}

/** Whether checkpoints are being recorded (opens the trace file on the first call when on). */
export function tracing(): boolean {
  return mode === ON || (mode === UNKNOWN && start());
}

/** Writes the lines the main thread holds back (tests read the file while the process runs). */
export function flushTrace(): void {
  if (writer) flush(writer);
}

function start(): boolean {
  const file = process.env[TRACE_VARIABLE];
  const owner = process.env[OWNER_VARIABLE];
  // A child process inherits the variable; appending to its parent's file would interleave two
  // processes' checkpoints in an order that differs from run to run.
  if (!file || (owner && owner !== String(process.pid))) {
    mode = OFF;
    return false;
  }
  const values = process.env[VALUES_VARIABLE];
  let fd = -1;
  let valuesFd = -1;
  try {
    fd = fs.openSync(file, 'a');
    if (values) valuesFd = fs.openSync(path.join(values, `values-${threadId}.bin`), 'w');
  } catch (cause) {
    if (fd >= 0) fs.closeSync(fd);
    throw codedError('Error', 'ERR_TRACE_OPEN', `trace() cannot open ${TRACE_VARIABLE}=${file}${values ? ` or ${VALUES_VARIABLE}=${values}` : ''}: ${(cause as Error).message}`, {
      cause,
    });
  }
  process.env[OWNER_VARIABLE] = String(process.pid);
  writer = { fd, valuesFd, valuesAt: 0, counts: new Map(), pending: [], pendingBytes: 0, buffered: isMainThread };
  const header: HeaderRecord = { k: 'header', format: FORMAT, version: FORMAT_VERSION, hash: HASH_NAME, pid: process.pid, writer: 'seed-everything' };
  if (!isMainThread) header.th = threadId;
  writeLine(writer, header);
  if (isMainThread) process.on('exit', writeEnvironment);
  mode = ON;
  return true;
}

function record(w: Writer, name: string, value: unknown): void {
  const enc = encode(value);
  const n = w.counts.get(name) ?? 0;
  const rec: CheckpointRecord = { k: 'cp', name, n, hash: hash128(enc.chunks), type: enc.type, length: enc.length, ...enc.summary };
  if (enc.dtype !== undefined) rec.dtype = enc.dtype;
  if (enc.shape !== undefined) rec.shape = enc.shape;
  if (!isMainThread) rec.th = threadId;
  if (w.valuesFd >= 0) {
    rec.at = w.valuesAt;
    rec.bytes = enc.bytes;
    for (const chunk of enc.chunks) writeAll(w.valuesFd, chunk);
    w.valuesAt += enc.bytes;
  }
  writeLine(w, rec);
  w.counts.set(name, n + 1);
}

function writeEnvironment(): void {
  const w = writer!;
  try {
    w.buffered = false; // and so checkpoints from exit handlers that run after this one go out too
    flush(w);
    writeLine(w, environment(), bigintAsText);
  } catch (err) {
    // an exit handler that throws would replace the program's own exit code
    process.stderr.write(`seed-everything: ${(err as Error).message}\n`);
  }
}

/** What diff compares between runs, as the process leaves it. */
function environment(): EnvRecord {
  const vars: Record<string, string> = {};
  for (const key of Object.keys(process.env).sort()) {
    if (ENV_PATTERN.test(key) && !PER_RUN_VARIABLES.includes(key)) vars[key] = process.env[key]!;
  }
  let report: unknown;
  try {
    report = doctor();
  } catch (err) {
    report = { error: (err as Error).message };
  }
  let seed: string | null = null;
  try {
    if (isAddonLoaded()) seed = binding<{ getRootSeed(): bigint | null }>().getRootSeed()?.toString() ?? null;
  } catch {
    seed = null;
  }
  return { k: 'env', vars, seed, doctor: report };
}

function writeLine(w: Writer, rec: object, replacer?: (key: string, value: unknown) => unknown): void {
  const line = `${JSON.stringify(rec, replacer)}\n`;
  w.pending.push(line);
  w.pendingBytes += line.length;
  if (!w.buffered || w.pendingBytes >= FLUSH_BYTES) flush(w);
}

function flush(w: Writer): void {
  if (w.pending.length === 0) return;
  const bytes = Buffer.from(w.pending.join(''), 'utf8');
  w.pending = [];
  w.pendingBytes = 0;
  writeAll(w.fd, bytes);
}

const bigintAsText = (_key: string, value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

function writeAll(fd: number, bytes: Uint8Array): void {
  try {
    for (let off = 0; off < bytes.length; ) off += fs.writeSync(fd, bytes, off, bytes.length - off);
  } catch (cause) {
    throw codedError('Error', 'ERR_TRACE_WRITE', `trace() cannot write the trace: ${(cause as Error).message}`, { cause });
  }
}
