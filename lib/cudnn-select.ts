// The selection rules and the process-wide algorithm cache, reachable without a GPU: the rules run
// over perf results given as plain objects (what cudnnGet*_v7 / cudnnFind*Ex would return).
import { binding } from './binding';
import { DIRECTIONS, checkDirection, normalizeConvolution, type ConvolutionConfig, type ConvolutionDirection, type NativeConvKey } from './cudnn-config';
import { toChoice, type AlgorithmChoice, type NativeChoice } from './cudnn-conv';
import { invalidArgType } from './errors';

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

function checkFlags(flags: unknown): SelectionFlags {
  if (flags === null || typeof flags !== 'object') throw invalidArgType('flags', '{ deterministic, benchmark }', flags);
  const f = flags as SelectionFlags;
  if (typeof f.deterministic !== 'boolean') throw invalidArgType('flags.deterministic', 'a boolean', f.deterministic);
  if (typeof f.benchmark !== 'boolean') throw invalidArgType('flags.benchmark', 'a boolean', f.benchmark);
  return { deterministic: f.deterministic, benchmark: f.benchmark };
}

/** The bare rules over one perf list (native SelectFromPerf). No cache. */
export function selectFromPerf(
  direction: ConvolutionDirection,
  flags: SelectionFlags,
  perf: AlgoPerf[],
  workspaceLimit: number,
): AlgorithmChoice {
  const d = checkDirection(direction);
  return toChoice(d, native().cudnnSelectFromPerf(DIRECTIONS.indexOf(d), checkFlags(flags), perf, workspaceLimit));
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
  const c = native().cudnnChooseWithPerf({ ...key, ...checkFlags(flags) }, perf);
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
