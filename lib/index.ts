export { codedError, type SeedEverythingError } from './errors';
export { type Seed, hashStringSeed } from './seed';
export { PyRandom, NumpyRandomState, TorchGenerator, SeedSequence, MT19937, TORCH_DEFAULT_SEED } from './compat';
export type { PySeed, PyRandomState, NumpySeed, NumpyState, IntDtype, Entropy, SeedSequenceOptions } from './compat';
