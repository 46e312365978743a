// One versioned, JSON-serialisable snapshot of every generator the package owns: Math.random, the
// default generators, each device's (seed, offset), the cuDNN flags, the root seed and the
// environment variables seedEverything sets.
import { defaults } from './defaults';
import type { NumpyState } from '../compat/numpy-random-state';
import type { PyRandomState } from '../compat/py-random';
import type { TorchGeneratorState } from '../compat/torch-generator';
import type { PhiloxState } from '../philox/philox';
import { mathRandomState, setMathRandomState, type MathRandomState } from './math-random';
import { applyProcessWide, onMainThread, readProcessWide } from './process-wide';
import { readSnapshot } from './rng-snapshot';
import { withJson } from '../core/json';

export { isolateRng } from './isolate';

export interface RngSnapshot {
  kind: 'seed-everything.rng-state';
  version: 1;
  /** decimal, or null when seedEverything was never called */
  rootSeed: string | null;
  mathRandom: MathRandomState | null;
  defaults: { python: PyRandomState; numpy: NumpyState; torch: TorchGeneratorState; philox: PhiloxState };
  /** seed for devices not seeded one by one, then [device, seed, offset] rows (decimal strings) */
  cuda: { allSeed: string; devices: [number, string, string][] };
  cudnn: { deterministic: boolean; benchmark: boolean };
  /**
   * The variables seedEverything sets (SEED_EVERYTHING_SEED, CUBLAS_WORKSPACE_CONFIG, TF_*), null
   * when unset. Absent from older snapshots: SEED_EVERYTHING_SEED then follows rootSeed.
   */
  env?: Record<string, string | null>;
}

export function getRngState(): RngSnapshot {
  const p = readProcessWide();
  const d = defaults();
  return withJson({
    kind: 'seed-everything.rng-state',
    version: 1,
    rootSeed: p.root === null ? null : p.root.toString(),
    mathRandom: mathRandomState(),
    defaults: { python: d.python.getstate(), numpy: d.numpy.getState(), torch: d.torch.getState(), philox: d.philox.getState() },
    cuda: { allSeed: p.allSeed.toString(), devices: p.devices.map(([dev, s, o]) => [dev, s.toString(), o.toString()]) },
    cudnn: p.cudnn,
    env: p.env,
  });
}

/**
 * Restores a snapshot from getRngState (also after a JSON round-trip). The snapshot is read once
 * into a plain copy (a getter or Proxy anywhere is refused) and validated whole before anything
 * changes. In a worker thread only the thread's own generators are restored: the process-wide
 * parts belong to the main thread.
 */
export function setRngState(snapshot: RngSnapshot): void {
  const s = readSnapshot(snapshot);
  const d = defaults();
  d.python.setstate(s.python);
  d.numpy.setState(s.numpy);
  d.torch.setState(s.torch);
  d.philox = s.philox;
  setMathRandomState(s.math);
  if (onMainThread()) applyProcessWide(s.processWide);
}
