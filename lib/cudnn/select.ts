// The selection rules and the process-wide algorithm cache, reachable without a GPU: the rules run
// over perf results given as plain objects (what cudnnGet*_v7 / cudnnFind*Ex would return).
import { binding } from '../core/binding';
import { DIRECTIONS, checkDirection, normalizeConvolution, type ConvolutionConfig, type ConvolutionDirection, type NativeConvKey } from './config';
import { toChoice, type AlgorithmChoice, type NativeChoice } from './conv';
import { invalidArgType, outOfRange } from '../core/errors';
import { isCount } from '../core/ints';
import { readOptions, readArray } from '../core/read';

/** One entry of cuDNN's perf results (cudnnConvolution*AlgoPerf_t). */
export interface AlgoPerf {
  algo: number;
  /** 0 = success. */
  status: number;
  /** Milliseconds (Find*Ex); -1 from heuristics. */
  time: number;
  /** Workspace bytes. */
  memory: number;
  /** 1 = CUDNN_DETERMINISTIC, 0 = CUDNN_NON_DETERMINISTIC. */
  determinism: number;
  mathType: number;
}

export interface SelectionFlags {
  deterministic: boolean;
  benchmark: boolean;
}

export interface CacheEntry {
  direction: ConvolutionDirection;
  key: NativeConvKey & SelectionFlags;
  choice: AlgorithmChoice;
}

interface SelectNative {
  cudnnSelectFromPerf(direction: number, flags: SelectionFlags, perf: AlgoPerf[], workspaceLimit: number): NativeChoice;
  cudnnChooseWithPerf(key: NativeConvKey & SelectionFlags, perf: AlgoPerf[]): NativeChoice & { queried: string | null };
  cudnnAlgoCacheEntries(): { key: NativeConvKey & SelectionFlags; choice: NativeChoice }[];
  cudnnAlgoCacheClear(): void;
}

function native(): SelectNative {
  return binding<SelectNative>();
}

const FLAG_KEYS = ['deterministic', 'benchmark'] as const;
const PERF_KEYS = ['algo', 'status', 'statusName', 'time', 'memory', 'determinism', 'mathType'] as const;
/** cuDNN has at most 8 algorithms per direction (native/cudnn/select.h, kMaxAlgoCount). */
const MAX_PERF = 8;

function checkFlags(flags: unknown): SelectionFlags {
  if (flags === undefined) throw invalidArgType('flags', '{ deterministic, benchmark }', flags);
  const f = readOptions(flags, 'cuDNN selection', FLAG_KEYS, 'flags');
  return { deterministic: booleanField(f.deterministic, 'flags.deterministic'), benchmark: booleanField(f.benchmark, 'flags.benchmark') };
}

function booleanField(value: unknown, name: string): boolean {
  if (typeof value !== 'boolean') throw invalidArgType(name, 'a boolean', value);
  return value;
}

function int32Field(value: unknown, name: string): number {
  if (typeof value !== 'number') throw invalidArgType(name, 'an integer', value);
  if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) throw outOfRange(name, 'a 32-bit integer', value);
  return value;
}

/** A plain copy of a perf list, every entry and field read once, so the native side reads only data. */
function checkPerf(perf: unknown): AlgoPerf[] {
  return readArray(perf, 'perf', { max: MAX_PERF }).map((entry, i) => {
    const name = `perf[${i}]`;
    if (entry === undefined) throw invalidArgType(name, 'an object', entry);
    const p = readOptions(entry, 'a cuDNN perf result', PERF_KEYS, name);
    if (typeof p.time !== 'number') throw invalidArgType(`${name}.time`, 'a number', p.time);
    if (!isCount(p.memory)) {
      throw outOfRange(`${name}.memory`, 'a non-negative safe integer', p.memory);
    }
    return {
      algo: int32Field(p.algo, `${name}.algo`),
      status: int32Field(p.status, `${name}.status`),
      time: p.time,
      memory: p.memory,
      determinism: int32Field(p.determinism, `${name}.determinism`),
      mathType: int32Field(p.mathType, `${name}.mathType`),
    };
  });
}

function checkWorkspaceLimit(value: unknown): number {
  if (!isCount(value)) throw outOfRange('workspaceLimit', 'a non-negative safe integer', value);
  return value;
}

/** The bare rules over one perf list (native SelectFromPerf). No cache. */
export function selectFromPerf(
  direction: ConvolutionDirection,
  flags: SelectionFlags,
  perf: AlgoPerf[],
  workspaceLimit: number,
): AlgorithmChoice {
  const d = checkDirection(direction);
  const f = checkFlags(flags);
  const list = checkPerf(perf);
  return toChoice(d, native().cudnnSelectFromPerf(DIRECTIONS.indexOf(d), f, list, checkWorkspaceLimit(workspaceLimit)));
}

/**
 * The full entry point (native ChooseAlgorithm), cache included, with `perf` standing in for what
 * cuDNN would answer. `queried` says which list the rules asked for; null on a cache hit.
 */
export function chooseWithPerf(
  direction: ConvolutionDirection,
  config: ConvolutionConfig,
  flags: SelectionFlags,
  perf: AlgoPerf[],
): AlgorithmChoice & { queried: 'default' | 'heuristic' | 'benchmark' | null } {
  const d = checkDirection(direction);
  const { key } = normalizeConvolution(d, config);
  const f = checkFlags(flags);
  const c = native().cudnnChooseWithPerf({ ...key, ...f }, checkPerf(perf));
  return { ...toChoice(d, c), queried: c.queried as 'default' | 'heuristic' | 'benchmark' | null };
}

/** Every benchmarked choice this process holds, with the key it was stored under. */
export function algorithmCache(): CacheEntry[] {
  return native()
    .cudnnAlgoCacheEntries()
    .map((e) => {
      const direction = DIRECTIONS[e.key.direction];
      return { direction, key: e.key, choice: toChoice(direction, e.choice) };
    });
}

/** Forgets every benchmarked choice (in every thread of the process). */
export function clearAlgorithmCache(): void {
  native().cudnnAlgoCacheClear();
}
