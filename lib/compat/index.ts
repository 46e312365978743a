export { MT19937 } from './mt19937';
export { PyRandom, type PySeed, type PyRandomState } from './py-random';
export { NumpyRandomState, type NumpySeed, type NumpyState, type IntDtype } from './numpy-random-state';
export { TorchGenerator, TORCH_DEFAULT_SEED, type TorchGeneratorState, type TorchGeneratorOptions } from './torch-generator';
export type { TorchCpuCapability } from './torch-capability';
export { SeedSequence, type Entropy, type SeedSequenceOptions } from './seed-sequence';
