// The seed room's public face: seedEverything and its helpers, and the `mathRandom` namespace.
import { install, installed, restore } from './math-random';

export { seedEverything, type SeedOptions, type SeedReport } from './seed-everything';
export { seedWorker, seedTask, workerEnv, detectRank, type SeedWorkerOptions, type SeedTaskOptions, type WorkerEnvOptions } from './workers';
export { getRngState, setRngState, isolateRng, type RngSnapshot } from './rng-state';
export { defaults, type DefaultGenerators } from './defaults';
export { nativeApi, type NativeApi } from './native-api';
export type { MathRandomState } from './math-random';

export const mathRandom = {
  /** Replaces Math.random with the seeded stream (Philox under deriveSeed(seed, 'Math.random')). */
  install,
  /** Puts the original Math.random back. */
  restore,
  /** Whether Math.random is currently the seeded stream (inside an isolated block: the block's). */
  get installed(): boolean {
    return installed();
  },
};
