// Reading a snapshot for setRngState: one plain copy of every level (lib/core/read/plain.ts), validated
// completely, compat states tried on fresh generators, before setRngState changes anything.
import { constants } from '../core/constants';
import { codedError, describe } from '../core/errors';
import { parseDecimal } from '../core/ints';
import { NumpyRandomState, type NumpyState } from '../compat/numpy-random-state';
import { PyRandom, type PyRandomState } from '../compat/py-random';
import { TorchGenerator, type TorchGeneratorState } from '../compat/torch-generator';
import { Philox, PHILOX_POSITION_LIMIT } from '../philox/philox';
import { MATH_RANDOM_OFFSET_LIMIT, type MathRandomState } from './math-random';
import { plainData } from '../core/read';
import { managedVariables, SEED_VARIABLE, type ProcessWide } from './process-wide';

export interface ValidSnapshot {
  math: MathRandomState | null;
  python: PyRandomState;
  numpy: NumpyState;
  torch: TorchGeneratorState;
  philox: Philox;
  /** env holds only the variables the snapshot names (all managed ones since env was added) */
  processWide: ProcessWide;
}

type Data = Record<string, unknown>;

function bad(message: string): Error {
  return codedError('TypeError', 'ERR_INVALID_RNG_STATE', `not a seed-everything RNG snapshot: ${message}`);
}

function record(value: unknown, what: string, keys: readonly string[], optional: readonly string[] = []): Data {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw bad(`${what} must be an object, received ${describe(value)}`);
  const data = value as Data;
  for (const key of Object.keys(data)) if (!keys.includes(key) && !optional.includes(key)) throw bad(`${what} has an unknown key ${describe(key)}`);
  for (const key of keys) if (!(key in data)) throw bad(`${what}.${key} is missing`);
  return data;
}

// Stream positions (Philox, Math.random offsets) go past 2^64, as libcurand's do: they pass their own limit.
const u64 = (text: unknown, what: string, limit?: bigint): bigint => parseDecimal(text, what, limit, bad);

function mathState(value: unknown): MathRandomState | null {
  if (value === null) return null;
  const m = record(value, 'mathRandom', ['seed', 'offset', 'index']);
  u64(m.seed, 'mathRandom.seed');
  u64(m.offset, 'mathRandom.offset', MATH_RANDOM_OFFSET_LIMIT);
  if (!Number.isInteger(m.index) || (m.index as number) < 0 || (m.index as number) > 4096) throw bad('mathRandom.index must be in [0, 4096]');
  return { seed: m.seed as string, offset: m.offset as string, index: m.index as number };
}

function deviceRows(value: unknown): [number, bigint, bigint][] {
  if (!Array.isArray(value)) throw bad('cuda.devices must be an array');
  return value.map((row, i): [number, bigint, bigint] => {
    if (!Array.isArray(row) || row.length !== 3) throw bad(`cuda.devices[${i}] must be [device, seed, offset]`);
    const dev = row[0];
    if (!Number.isInteger(dev) || dev < 0 || dev >= constants.maxDevices) throw bad(`cuda.devices[${i}][0] must be a device index`);
    const offset = u64(row[2], `cuda.devices[${i}] offset`);
    if (offset % 4n !== 0n) throw bad(`cuda.devices[${i}] offset must be a multiple of 4`);
    return [dev, u64(row[1], `cuda.devices[${i}] seed`), offset];
  });
}

// Snapshots made before `env` was recorded still resume workers from their root.
function envOf(value: unknown, root: bigint | null): Record<string, string | null> {
  if (value === undefined) return { [SEED_VARIABLE]: root === null ? null : root.toString() };
  const env = record(value, 'env', [], managedVariables());
  const out: Record<string, string | null> = {};
  for (const [name, v] of Object.entries(env)) {
    if (v !== null && (typeof v !== 'string' || v.length > 4096 || v.includes('\0'))) throw bad(`env.${name} must be null or a string without NUL characters`);
    out[name] = v;
  }
  return out;
}

export function readSnapshot(value: unknown): ValidSnapshot {
  if (value === null || typeof value !== 'object') throw bad(`received ${describe(value)}`);
  const s = record(plainData(value, 'snapshot', bad), 'snapshot', ['kind', 'version', 'rootSeed', 'mathRandom', 'defaults', 'cuda', 'cudnn'], ['env']);
  if (s.kind !== 'seed-everything.rng-state') throw bad('kind is not seed-everything.rng-state');
  if (s.version !== 1) {
    throw codedError('RangeError', 'ERR_RNG_STATE_VERSION', `RNG snapshot version ${describe(s.version)} is not supported (this package reads version 1)`);
  }
  const root = s.rootSeed === null ? null : u64(s.rootSeed, 'rootSeed');
  const math = mathState(s.mathRandom);
  const cuda = record(s.cuda, 'cuda', ['allSeed', 'devices']);
  const devices = deviceRows(cuda.devices);
  const allSeed = u64(cuda.allSeed, 'cuda.allSeed');
  const flags = record(s.cudnn, 'cudnn', ['deterministic', 'benchmark']);
  if (typeof flags.deterministic !== 'boolean' || typeof flags.benchmark !== 'boolean') throw bad('cudnn must hold two booleans');
  const env = envOf(s.env, root);
  const d = record(s.defaults, 'defaults', ['python', 'numpy', 'torch', 'philox']);
  const ph = record(d.philox, 'defaults.philox', ['seed', 'offset', 'anchor']);
  u64(ph.seed, 'defaults.philox.seed');
  u64(ph.offset, 'defaults.philox.offset', PHILOX_POSITION_LIMIT);
  u64(ph.anchor, 'defaults.philox.anchor');
  // The compat generators validate their own states; trying them on fresh generators leaves the
  // live ones untouched when one is refused.
  new PyRandom(0).setstate(d.python as PyRandomState);
  new NumpyRandomState(0).setState(d.numpy as NumpyState);
  new TorchGenerator(0).setState(d.torch as TorchGeneratorState);
  return {
    math,
    python: d.python as PyRandomState,
    numpy: d.numpy as NumpyState,
    torch: d.torch as TorchGeneratorState,
    philox: Philox.fromState({ seed: ph.seed as string, offset: ph.offset as string, anchor: ph.anchor as string }),
    processWide: { root, allSeed, devices, cudnn: { deterministic: flags.deterministic, benchmark: flags.benchmark }, env },
  };
}
