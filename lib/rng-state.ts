// One versioned, JSON-serialisable snapshot of every generator the package owns: Math.random, the
// default generators, each device's (seed, offset), the cuDNN flags and the root seed.
import { binding } from './binding';
import { cudnn } from './cudnn';
import { defaults } from './defaults';
import type { NumpyState } from './compat/numpy-random-state';
import type { PyRandomState } from './compat/py-random';
import type { TorchGeneratorState } from './compat/torch-generator';
import { codedError, describe } from './errors';
import { Philox, PHILOX_POSITION_LIMIT, type PhiloxState } from './philox';
import { MATH_RANDOM_OFFSET_LIMIT, mathRandomState, setMathRandomState, type MathRandomState } from './math-random';

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
}

interface StateNative {
  getRootSeed(): bigint | null;
  setRootSeed(seed: bigint): void;
  getDeviceTable(): [bigint, [number, bigint, bigint][]];
  setDeviceTable(allSeed: bigint, devices: [number, bigint, bigint][]): void;
}

export function getRngState(): RngSnapshot {
  const native = binding<StateNative>();
  const root = native.getRootSeed();
  const [allSeed, devices] = native.getDeviceTable();
  const d = defaults();
  return {
    kind: 'seed-everything.rng-state',
    version: 1,
    rootSeed: root === null ? null : root.toString(),
    mathRandom: mathRandomState(),
    defaults: { python: d.python.getstate(), numpy: d.numpy.getState(), torch: d.torch.getState(), philox: d.philox.getState() },
    cuda: { allSeed: allSeed.toString(), devices: devices.map(([dev, s, o]) => [dev, s.toString(), o.toString()]) },
    cudnn: { deterministic: cudnn.deterministic, benchmark: cudnn.benchmark },
  };
}

function bad(message: string): Error {
  return codedError('TypeError', 'ERR_INVALID_RNG_STATE', `not a seed-everything RNG snapshot: ${message}`);
}

// Stream positions (Philox, Math.random offsets) go past 2^64: they pass their own limit.
function u64(text: unknown, what: string, limit = (1n << 64n) - 1n): bigint {
  if (typeof text !== 'string' || !/^\d{1,20}$/.test(text)) throw bad(`${what} must be a decimal string, received ${describe(text)}`);
  const v = BigInt(text);
  if (v > limit) throw bad(limit === (1n << 64n) - 1n ? `${what} is not below 2^64` : `${what} is above ${limit}`);
  return v;
}

/** Restores a snapshot from getRngState (also after a JSON round-trip). Validates all before changing anything. */
export function setRngState(snapshot: RngSnapshot): void {
  if (snapshot === null || typeof snapshot !== 'object') throw bad(`received ${describe(snapshot)}`);
  if (snapshot.kind !== 'seed-everything.rng-state') throw bad('kind is not seed-everything.rng-state');
  if (snapshot.version !== 1) {
    throw codedError('RangeError', 'ERR_RNG_STATE_VERSION', `RNG snapshot version ${describe(snapshot.version)} is not supported (this package reads version 1)`);
  }
  const root = snapshot.rootSeed === null ? null : u64(snapshot.rootSeed, 'rootSeed');
  const m = snapshot.mathRandom;
  if (m !== null) {
    if (typeof m !== 'object') throw bad('mathRandom must be an object or null');
    u64(m.seed, 'mathRandom.seed');
    u64(m.offset, 'mathRandom.offset', MATH_RANDOM_OFFSET_LIMIT);
    if (!Number.isInteger(m.index) || m.index < 0 || m.index > 4096) throw bad('mathRandom.index must be in [0, 4096]');
  }
  if (!snapshot.cuda || !Array.isArray(snapshot.cuda.devices)) throw bad('cuda.devices must be an array');
  const allSeed = u64(snapshot.cuda.allSeed, 'cuda.allSeed');
  const devices = snapshot.cuda.devices.map((row, i): [number, bigint, bigint] => {
    if (!Array.isArray(row) || row.length !== 3) throw bad(`cuda.devices[${i}] must be [device, seed, offset]`);
    const dev = row[0];
    if (!Number.isInteger(dev) || dev < 0 || dev >= 1024) throw bad(`cuda.devices[${i}][0] must be a device index`);
    const offset = u64(row[2], `cuda.devices[${i}] offset`);
    if (offset % 4n !== 0n) throw bad(`cuda.devices[${i}] offset must be a multiple of 4`);
    return [dev, u64(row[1], `cuda.devices[${i}] seed`), offset];
  });
  if (!snapshot.cudnn || typeof snapshot.cudnn.deterministic !== 'boolean' || typeof snapshot.cudnn.benchmark !== 'boolean') {
    throw bad('cudnn must hold two booleans');
  }
  if (!snapshot.defaults || typeof snapshot.defaults !== 'object') throw bad('defaults missing');
  const ph = snapshot.defaults.philox;
  u64(ph?.seed, 'defaults.philox.seed');
  u64(ph?.offset, 'defaults.philox.offset', PHILOX_POSITION_LIMIT);
  u64(ph?.anchor, 'defaults.philox.anchor');
  const philox = Philox.fromState(ph);
  // The compat generators validate their own states; apply them to fresh copies first so a bad
  // one leaves everything as it was.
  const d = defaults();
  const trial = { python: d.python.getstate(), numpy: d.numpy.getState(), torch: d.torch.getState() };
  try {
    d.python.setstate(snapshot.defaults.python);
    d.numpy.setState(snapshot.defaults.numpy);
    d.torch.setState(snapshot.defaults.torch);
  } catch (err) {
    d.python.setstate(trial.python);
    d.numpy.setState(trial.numpy);
    d.torch.setState(trial.torch);
    throw err;
  }
  d.philox = philox;
  const native = binding<StateNative>();
  if (root !== null) native.setRootSeed(root);
  native.setDeviceTable(allSeed, devices);
  cudnn.deterministic = snapshot.cudnn.deterministic;
  cudnn.benchmark = snapshot.cudnn.benchmark;
  setMathRandomState(m);
}

/**
 * Runs `fn` and then puts every generator back as it was, also when `fn` throws or its promise
 * rejects: draws inside do not shift the streams outside.
 */
export function isolateRng<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw codedError('TypeError', 'ERR_INVALID_ARG_TYPE', `isolateRng expects a function, received ${describe(fn)}`);
  const saved = getRngState();
  let result: T;
  try {
    result = fn();
  } catch (err) {
    setRngState(saved);
    throw err;
  }
  if (result !== null && typeof result === 'object' && typeof (result as { then?: unknown }).then === 'function') {
    return (result as unknown as Promise<unknown>).then(
      (v) => {
        setRngState(saved);
        return v;
      },
      (err) => {
        setRngState(saved);
        throw err;
      },
    ) as unknown as T;
  }
  setRngState(saved);
  return result;
}
