// Public API of seed-everything. Names are a contract (see the README's API reference).
import * as cudaModule from './cuda';
import * as curandModule from './curand';
import { DeviceBuffer } from './device-buffer';
import * as cudaRng from './cuda-rng';

export { codedError, type SeedEverythingError } from './errors';
export type { Jsonified } from './json';
export { type Seed, hashStringSeed } from './seed';
export { doctor, formatDoctor, type DoctorReport, type DeviceInfo, type StateInfo } from './doctor';
export { libraryRecords, type LibraryRecord, type LoadAttempt, type LibraryName } from './libraries';
export { cudnn } from './cudnn';
export type {
  ConvolutionConfig,
  ConvolutionDirection,
  ConvolutionDataType,
  ConvolutionLayout,
  MathTypeName,
  AlgorithmChoice,
  AlgorithmSource,
  ConvolutionResult,
  ConvolutionOptions,
  CacheEntry,
} from './cudnn';
export { cudaManualSeedAll } from './cuda';
export { nativeApi, type NativeApi } from './native-api';

export const cuda = {
  isAvailable: cudaModule.isAvailable,
  deviceCount: cudaModule.deviceCount,
  status: cudaModule.status,
  manualSeed: cudaModule.manualSeed,
  manualSeedAll: cudaModule.manualSeedAll,
  initialSeed: cudaModule.initialSeed,
  getRngState: cudaModule.getRngState,
  setRngState: cudaModule.setRngState,
  DeviceBuffer,
  uniform: cudaRng.uniform,
  normal: cudaRng.normal,
};

export const curand = {
  isAvailable: curandModule.isAvailable,
  version: curandModule.version,
  Generator: curandModule.Generator,
  RngType: curandModule.RngType,
  Ordering: curandModule.Ordering,
};
export { DeviceBuffer };
export type { RngTypeName, OrderingName, GeneratorOptions, DeviceOutputOptions } from './curand';
export { Philox, philoxSimd, philoxSimdSupported, type PhiloxSimd, type PhiloxState } from './philox';
export { PyRandom, NumpyRandomState, TorchGenerator, SeedSequence, MT19937, TORCH_DEFAULT_SEED } from './compat';
export type { PySeed, PyRandomState, NumpySeed, NumpyState, IntDtype, Entropy, SeedSequenceOptions } from './compat';
export type { TorchGeneratorOptions, TorchGeneratorState, TorchCpuCapability } from './compat';
export { seedEverything, type SeedOptions, type SeedReport } from './seed-everything';
// `import seedEverything from 'seed-everything'`; require() keeps the named exports.
export { seedEverything as default } from './seed-everything';
export { deriveSeed, type PathPart } from './derive';
export { seedWorker, seedTask, workerEnv, detectRank, type SeedWorkerOptions, type SeedTaskOptions, type WorkerEnvOptions } from './workers';
export { mathRandom, type MathRandomState } from './math-random';
export { getRngState, setRngState, isolateRng, type RngSnapshot } from './rng-state';
export { defaults, type DefaultGenerators } from './defaults';
export { tfjs, type TfjsReport } from './tfjs';
export { trace } from './trace/trace';
