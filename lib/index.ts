// Public API of seed-everything. Names are a contract (see the README's API reference).
export { codedError, type SeedEverythingError } from './core/errors';
export type { Jsonified } from './core/json';
export { type Seed, hashStringSeed } from './core/seed';
export { doctor, formatDoctor, type DoctorReport, type DeviceInfo, type StateInfo } from './doctor/doctor';
export { libraryRecords, type LibraryRecord, type LoadAttempt, type LibraryName } from './doctor/libraries';
export { cudnn } from './cudnn';
export type * from './cudnn';

export { cuda, DeviceBuffer, cudaManualSeedAll } from './cuda';
export { curand } from './curand';
export type { RngTypeName, OrderingName, GeneratorOptions, DeviceOutputOptions } from './curand';
export { Philox, philoxInfo, philoxSimd, philoxSimdSupported, type PhiloxSimd, type PhiloxState } from './philox/philox';
export { PyRandom, NumpyRandomState, TorchGenerator, SeedSequence, MT19937, TORCH_DEFAULT_SEED } from './compat';
export type { PySeed, PyRandomState, NumpySeed, NumpyState, IntDtype, Entropy, SeedSequenceOptions } from './compat';
export type { TorchGeneratorOptions, TorchGeneratorState, TorchCpuCapability } from './compat';
// `import seedEverything from 'seed-everything'`; require() keeps the named exports.
export { seedEverything as default } from './seed';
export { deriveSeed, type PathPart } from './compat/derive';
export { seedEverything, type SeedOptions, type SeedReport, seedWorker, seedTask, workerEnv, detectRank, mathRandom, getRngState, setRngState, isolateRng, defaults, nativeApi } from './seed';
export type { SeedWorkerOptions, SeedTaskOptions, WorkerEnvOptions, MathRandomState, RngSnapshot, DefaultGenerators, NativeApi } from './seed';
export { tfjs, type TfjsReport } from './tfjs';
export { trace } from './trace/trace';
