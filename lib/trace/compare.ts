// Comparing runs' traces in order: each thread's checkpoints position by position, the first
// position where the runs do not all agree, and what differs between their environments.
import type { CheckpointRecord, EnvRecord, Trace } from './format';

export type DivergenceReason = 'values' | 'missing' | 'name' | 'type';

export interface CheckpointView {
  run: number;
  present: boolean;
  checkpoint?: string;
  occurrence?: number;
  hash?: string;
  type?: string;
  dtype?: string;
  shape?: number[];
  length?: number;
  min?: unknown;
  max?: unknown;
  nan?: number;
  first?: unknown[];
}

export interface CheckpointRef {
  checkpoint: string;
  occurrence: number;
  position: number;
}

export interface Position {
  /** 1-based position in its thread's checkpoints */
  position: number;
  checkpoint: string;
  occurrence: number;
  /** null: every run agrees */
  reason: DivergenceReason | null;
  /** each run's record there, undefined where the run has none (or, when one is missing, another) */
  records: (CheckpointRecord | undefined)[];
  /** run numbers (1-based) grouped by identical records; the group of run 1 first */
  groups: number[][];
}

export interface ThreadComparison {
  thread: number;
  positions: Position[];
  first: Position | null;
  lastIdenticalBeforeFirst: Position | null;
}

function identity(r: CheckpointRecord | undefined): string {
  if (!r) return 'missing';
  return JSON.stringify([r.name, r.n, r.type, r.dtype ?? null, r.shape ?? null, r.length, r.hash]);
}

function reasonOf(records: (CheckpointRecord | undefined)[]): DivergenceReason {
  if (records.some((r) => !r)) return 'missing';
  const [a, ...rest] = records as CheckpointRecord[];
  if (rest.some((r) => r.name !== a.name || r.n !== a.n)) return 'name';
  if (rest.some((r) => r.type !== a.type || r.dtype !== a.dtype || JSON.stringify(r.shape) !== JSON.stringify(a.shape) || r.length !== a.length)) return 'type';
  return 'values';
}

function groupRuns(records: (CheckpointRecord | undefined)[]): number[][] {
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    const key = identity(r);
    const g = groups.get(key);
    if (g) g.push(i + 1);
    else groups.set(key, [i + 1]);
  });
  return [...groups.values()];
}

const keyOf = (r: CheckpointRecord) => `${r.n}\0${r.name}`;

/**
 * Where the runs recorded different checkpoints at one position: the first of them that some run
 * never records is missing there (a run that stopped early, or one that recorded an extra one);
 * when every run records all of them, only their order differs.
 */
function missingAt(records: (CheckpointRecord | undefined)[], keys: () => Set<string>[]): CheckpointRecord | null {
  for (const r of records) {
    if (r && keys().some((k) => !k.has(keyOf(r)))) return r;
  }
  return null;
}

function compareThread(thread: number, traces: Trace[]): ThreadComparison {
  const lists = traces.map((t) => t.threads.get(thread) ?? []);
  let keySets: Set<string>[] | undefined;
  const keys = () => (keySets ??= lists.map((l) => new Set(l.map(keyOf))));
  const longest = Math.max(0, ...lists.map((l) => l.length));
  const positions: Position[] = [];
  let first: Position | null = null;
  let lastIdentical: Position | null = null;
  for (let i = 0; i < longest; i++) {
    let records: (CheckpointRecord | undefined)[] = lists.map((l) => l[i]);
    let named = records.find((r) => r !== undefined)!;
    let reason = groupRuns(records).length === 1 ? null : reasonOf(records);
    if (reason === 'name') {
      const missing = missingAt(records, keys);
      if (missing) {
        named = missing;
        records = records.map((r) => (r && keyOf(r) === keyOf(missing) ? r : undefined));
        reason = 'missing';
      }
    }
    const p: Position = { position: i + 1, checkpoint: named.name, occurrence: named.n, reason, records, groups: groupRuns(records) };
    positions.push(p);
    if (p.reason === null && first === null) lastIdentical = p;
    if (p.reason !== null && first === null) first = p;
  }
  return { thread, positions, first, lastIdenticalBeforeFirst: first ? lastIdentical : null };
}

/** Every thread any run recorded, the main thread (0) first. */
export function compareTraces(traces: Trace[]): ThreadComparison[] {
  const ids = new Set<number>();
  for (const t of traces) for (const id of t.threads.keys()) ids.add(id);
  return [...ids].sort((a, b) => a - b).map((id) => compareThread(id, traces));
}

export function viewOf(run: number, r: CheckpointRecord | undefined): CheckpointView {
  if (!r) return { run, present: false };
  const v: CheckpointView = { run, present: true, checkpoint: r.name, occurrence: r.n, hash: r.hash, type: r.type };
  if (r.dtype !== undefined) v.dtype = r.dtype;
  if (r.shape !== undefined) v.shape = r.shape;
  v.length = r.length;
  for (const key of ['min', 'max', 'nan', 'first'] as const) if (r[key] !== undefined) (v as unknown as Record<string, unknown>)[key] = r[key];
  return v;
}

export interface EnvDifference {
  /** `seed`, a variable's name, or `doctor.<path>` */
  key: string;
  /** per run: the value, null where unset, 'unknown' where the run left no environment record */
  values: (string | null)[];
}

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
    else for (const [k, v] of Object.entries(value)) flatten(v, `${prefix}.${k}`, out);
    return;
  }
  out.set(prefix, value === null ? 'null' : String(value));
}

function flatEnv(e: EnvRecord): Map<string, string> {
  const out = new Map<string, string>();
  out.set('seed', e.seed ?? 'null');
  for (const [k, v] of Object.entries(e.vars ?? {})) out.set(k, v);
  flatten(e.doctor, 'doctor', out);
  return out;
}

/** The seeds, variables and doctor fields whose values are not the same in every run. */
export function compareEnvironments(envs: (EnvRecord | null)[]): EnvDifference[] {
  const flat = envs.map((e) => (e ? flatEnv(e) : null));
  const keys = new Set<string>();
  for (const f of flat) if (f) for (const k of f.keys()) keys.add(k);
  const out: EnvDifference[] = [];
  const order = (k: string) => (k === 'seed' ? 0 : k.startsWith('doctor') ? 2 : 1);
  for (const key of [...keys].sort((a, b) => order(a) - order(b) || (a < b ? -1 : a > b ? 1 : 0))) {
    const values = flat.map((f) => (f ? f.get(key) ?? null : 'unknown'));
    if (new Set(values).size > 1) out.push({ key, values });
  }
  return out;
}
