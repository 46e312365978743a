// The process-wide parts of the random state: the root seed, each device's (seed, offset) and the
// cuDNN flags (the native StateBlock every thread and every copy of the package shares), and the
// environment variables seedEverything sets. Snapshots and isolated blocks read and write them
// as one value; a worker thread reads them but never writes them.
import { binding } from '../core/binding';
import { currentScope, openScopes, type RngScope } from './rng-scope';
import { deterministicVariables } from '../tfjs';

interface ProcessNative {
  getRootSeed(): bigint | null;
  setRootSeed(seed: bigint): void;
  clearRootSeed(): void;
  getDeviceTable(): [bigint, [number, bigint, bigint][]];
  setDeviceTable(allSeed: bigint, devices: [number, bigint, bigint][]): void;
  getCudnnFlags(): { deterministic: boolean; benchmark: boolean };
  setCudnnFlag(name: 'deterministic' | 'benchmark', value: boolean): void;
}

export const SEED_VARIABLE = 'SEED_EVERYTHING_SEED';
export const CUBLAS_VARIABLE = 'CUBLAS_WORKSPACE_CONFIG';

/** Every environment variable seedEverything may set. */
export function managedVariables(): string[] {
  return [SEED_VARIABLE, CUBLAS_VARIABLE, ...Object.keys(deterministicVariables(false))];
}

export interface ProcessWide {
  root: bigint | null;
  allSeed: bigint;
  devices: [number, bigint, bigint][];
  cudnn: { deterministic: boolean; benchmark: boolean };
  /** null: unset */
  env: Record<string, string | null>;
}

let mainThread: boolean | undefined;

/** Worker threads share the process-wide state but leave writing it to the main thread. */
export function onMainThread(): boolean {
  // Loaded on first use: it costs a few milliseconds of every start-up.
  mainThread ??= (require('node:worker_threads') as typeof import('node:worker_threads')).isMainThread;
  return mainThread;
}

export function rootSeed(): bigint | null {
  return binding<ProcessNative>().getRootSeed();
}

export function readProcessWide(): ProcessWide {
  const native = binding<ProcessNative>();
  const [allSeed, devices] = native.getDeviceTable();
  const env: Record<string, string | null> = {};
  for (const name of managedVariables()) env[name] = process.env[name] ?? null;
  return { root: native.getRootSeed(), allSeed, devices, cudnn: native.getCudnnFlags(), env };
}

// A part is 'root', 'devices', 'cudnn' or 'env:NAME'.
function partsOf(p: ProcessWide): string[] {
  return ['root', 'devices', 'cudnn', ...Object.keys(p.env).map((name) => `env:${name}`)];
}

/** What identifies a part's value. Devices by their seeds only: draws move offsets, anyone's. */
function fingerprint(p: ProcessWide, part: string): string {
  if (part === 'root') return String(p.root);
  if (part === 'devices') return [p.allSeed, ...p.devices.map(([device, seed]) => `${device}:${seed}`)].join(',');
  if (part === 'cudnn') return `${p.cudnn.deterministic},${p.cudnn.benchmark}`;
  return JSON.stringify(p.env[part.slice(4)] ?? null);
}

function copyPart(to: ProcessWide, from: ProcessWide, part: string): void {
  if (part === 'root') to.root = from.root;
  else if (part === 'devices') [to.allSeed, to.devices] = [from.allSeed, from.devices];
  else if (part === 'cudnn') to.cudnn = from.cudnn;
  else to.env[part.slice(4)] = from.env[part.slice(4)] ?? null;
}

let undoing = false;

// Inside an isolated block, every write to a process-wide part is recorded with the value written,
// so that the block's end undoes its own writes and no one else's.
function note(parts: readonly string[]): void {
  const scope = undoing ? undefined : currentScope();
  if (scope === undefined) return;
  const now = readProcessWide();
  for (const part of parts) scope.journal.set(part, fingerprint(now, part));
}

/** Sets (or, for null, deletes) a managed environment variable. */
export function setVariable(name: string, value: string | null): void {
  if (value === null) delete process.env[name];
  else process.env[name] = value;
  note([`env:${name}`]);
}

/** Records writes made around this module (tfjs.ts sets its variables itself). */
export function noteVariables(names: readonly string[]): void {
  note(names.map((name) => `env:${name}`));
}

// The addon's writers, wrapped once the first block opens so that writes made by any module
// (cuda.manualSeed, cudnn flags) are recorded; until then nothing pays for it.
const NATIVE_WRITES: Record<string, string[]> = {
  setRootSeed: ['root'],
  clearRootSeed: ['root'],
  manualSeedAll: ['devices'],
  manualSeed: ['devices'],
  setDeviceState: ['devices'],
  setDeviceTable: ['devices'],
  setCudnnFlag: ['cudnn'],
};
let journaling = false;

export function journalNativeWrites(): void {
  if (journaling) return;
  journaling = true;
  const native = binding<Record<string, unknown>>();
  for (const [name, parts] of Object.entries(NATIVE_WRITES)) {
    const write = native[name] as (...args: unknown[]) => unknown;
    native[name] = (...args: unknown[]) => {
      const result = write(...args);
      note(parts);
      return result;
    };
  }
}

/** Writes `p`'s values for `parts` (every part when omitted). */
export function applyProcessWide(p: ProcessWide, parts: Iterable<string> = partsOf(p)): void {
  const native = binding<ProcessNative>();
  for (const part of parts) {
    if (part === 'root') {
      if (p.root === null) native.clearRootSeed();
      else native.setRootSeed(p.root);
    } else if (part === 'devices') native.setDeviceTable(p.allSeed, p.devices);
    else if (part === 'cudnn') {
      native.setCudnnFlag('deterministic', p.cudnn.deterministic);
      native.setCudnnFlag('benchmark', p.cudnn.benchmark);
    } else setVariable(part.slice(4), p.env[part.slice(4)] ?? null);
  }
}

/**
 * At a block's end: `everything` puts every part back as it was when the block began (the sync
 * form on the main thread, as it always did); otherwise only the parts the block wrote, and only
 * where its write is still what is there. A part someone overwrote since is left to them; when
 * that someone is another open block that began after our write, its own end restores our entry
 * value instead of our write.
 */
export function undoScope(scope: RngScope, everything: boolean): void {
  let parts: string[];
  if (everything) parts = partsOf(scope.entry);
  else {
    const now = readProcessWide();
    parts = [];
    for (const [part, written] of scope.journal) {
      if (fingerprint(now, part) === written) parts.push(part);
      else for (const other of openScopes()) if (fingerprint(other.entry, part) === written) copyPart(other.entry, scope.entry, part);
    }
  }
  undoing = true;
  try {
    applyProcessWide(scope.entry, parts);
  } finally {
    undoing = false;
  }
}
