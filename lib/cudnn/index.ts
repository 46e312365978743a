// cuDNN's process-wide deterministic / benchmark flags (state/process_state.h), readable from
// every worker thread and, through the native API table, from other addons.
import { binding } from '../core/binding';
import { ALGORITHM_NAMES, DEFAULT_WORKSPACE_LIMIT } from './config';
import { convolutionBackwardData, convolutionBackwardFilter, convolutionForward, selectConvolutionAlgorithm } from './conv';
import { algorithmCache, clearAlgorithmCache } from './select';
import { invalidArgType } from '../core/errors';
import { libraryRecord } from '../doctor/libraries';

interface CudnnNative {
  getCudnnFlags(): { deterministic: boolean; benchmark: boolean };
  setCudnnFlag(name: 'deterministic' | 'benchmark', value: boolean): void;
}

function native(): CudnnNative {
  return binding<CudnnNative>();
}

function setFlag(name: 'deterministic' | 'benchmark', value: unknown): void {
  if (typeof value !== 'boolean') throw invalidArgType(`cudnn.${name}`, 'a boolean', value);
  native().setCudnnFlag(name, value);
}

export const cudnn = {
  get deterministic(): boolean {
    return native().getCudnnFlags().deterministic;
  },
  set deterministic(value: boolean) {
    setFlag('deterministic', value);
  },
  get benchmark(): boolean {
    return native().getCudnnFlags().benchmark;
  },
  set benchmark(value: boolean) {
    setFlag('benchmark', value);
  },
  /** Loads cuDNN on first call; false when it is missing or incomplete (see doctor). */
  isAvailable(): boolean {
    return libraryRecord('cudnn').loaded;
  },
  /** e.g. "9.10.2", or null when cuDNN cannot be loaded. */
  version(): string | null {
    const r = libraryRecord('cudnn');
    return r.loaded ? r.version : null;
  },
  selectConvolutionAlgorithm,
  convolutionForward,
  convolutionBackwardData,
  convolutionBackwardFilter,
  /** Benchmarked choices held by this process (shared by every worker thread). */
  algorithmCache,
  clearAlgorithmCache,
  ALGORITHM_NAMES,
  /** cuDNN's algorithm names by id per direction, deep-frozen (native/constants.json); `ALGORITHM_NAMES` is the same object. */
  algorithmNames: ALGORITHM_NAMES,
  DEFAULT_WORKSPACE_LIMIT,
};

export type {
  ConvolutionConfig,
  ConvolutionDirection,
  ConvolutionDataType,
  ConvolutionLayout,
  MathTypeName,
} from './config';
export type { AlgorithmChoice, AlgorithmSource, ConvolutionResult, ConvolutionOptions } from './conv';
export type { CacheEntry } from './select';
