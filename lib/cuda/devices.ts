// CUDA devices and their default Philox generators' process-wide (seed, offset).
import { binding } from '../core/binding';
import { constants } from '../core/constants';
import { cudaProblem } from './problem';
import { codedError, describe, invalidArgType, outOfRange, type SeedEverythingError } from '../core/errors';
import { libraryRecords } from '../doctor/libraries';
import { typedArrayKind, typedArrayLength } from '../core/read';
import { type Seed, toSeed } from '../core/seed';

interface RuntimeCount {
  runtimeLoaded: boolean;
  count: number;
  status?: number;
  statusName?: string;
  statusText?: string;
  driverVersion?: number;
}

interface CudaNative {
  runtimeDeviceCount(): RuntimeCount;
  manualSeedAll(seed: bigint): void;
  manualSeed(seed: bigint, device: number): void;
  getDeviceState(device: number): [bigint, bigint];
  setDeviceState(device: number, seed: bigint, offset: bigint): void;
}

export interface CudaStatus {
  available: boolean;
  deviceCount: number;
  runtimeLoaded: boolean;
  /** e.g. `cudaErrorInsufficientDriver`; null when the runtime answered or was not loaded */
  error: string | null;
  errorMessage: string | null;
  /** why no runtime could be loaded, when it could not */
  runtimeError: string | null;
}

let cachedStatus: CudaStatus | undefined;

function native(): CudaNative {
  return binding<CudaNative>();
}

/** Asks the runtime for devices once per process; loads the driver but creates no context. */
export function status(): CudaStatus {
  if (cachedStatus) return cachedStatus;
  const r = native().runtimeDeviceCount();
  const failed = r.runtimeLoaded && r.status !== undefined && r.status !== 0;
  cachedStatus = {
    available: r.runtimeLoaded && r.count > 0,
    deviceCount: r.count,
    runtimeLoaded: r.runtimeLoaded,
    error: failed ? (r.statusName ?? null) : null,
    errorMessage: failed ? (r.statusText ?? null) : null,
    runtimeError: r.runtimeLoaded ? null : (libraryRecords().cudart.error ?? 'not loaded'),
  };
  return cachedStatus;
}

export function isAvailable(): boolean {
  return status().available;
}

export function deviceCount(): number {
  return status().deviceCount;
}

/** ERR_CUDA_UNAVAILABLE explaining why (no driver, driver too old, no device, ...), for calls that need a device. */
export function unavailableError() {
  const s = status();
  const p = cudaProblem(s, libraryRecords()) ?? { reason: 'no-device', code: 'ERR_CUDA_NO_DEVICE', text: 'no CUDA device is visible' };
  const why = p.also ? `${p.text}; ${p.also}` : p.text;
  return codedError('Error', 'ERR_CUDA_UNAVAILABLE', `CUDA is not available: ${why}. Run \`npx seed-everything doctor\` for details.`, {
    cudaError: s.error ?? undefined,
    reason: p.reason,
    cause: codedError('Error', p.code, s.errorMessage ? `${p.text} (${s.error}: ${s.errorMessage})` : p.text),
  });
}

/**
 * Why `device` cannot be used now, for every device-taking call and `verify`: ERR_CUDA_UNAVAILABLE
 * without a usable driver, ERR_CUDA_INVALID_DEVICE past the last device; null when it can.
 */
export function deviceProblem(device: number): SeedEverythingError | null {
  if (!isAvailable()) return unavailableError();
  const count = deviceCount();
  return device < count ? null : codedError('RangeError', 'ERR_CUDA_INVALID_DEVICE', `device ${device} does not exist (${count} visible)`);
}

export function requireDevice(device: number): void {
  const problem = deviceProblem(device);
  if (problem) throw problem;
}

/** Validates a device index for the per-device state (the device need not exist yet: seeding is lazy). */
export function checkDevice(device: unknown, name = 'device'): number {
  if (typeof device !== 'number') throw invalidArgType(name, 'an integer', device);
  if (!Number.isInteger(device) || device < 0 || device >= constants.maxDevices) throw outOfRange(name, `an integer in [0, ${constants.maxDevices})`, device);
  return device;
}

function currentDevice(device: unknown): number {
  return device === undefined ? 0 : checkDevice(device);
}

/** Seeds every device's default generator (lazily: nothing touches CUDA now). */
export function manualSeedAll(seed: Seed): void {
  native().manualSeedAll(toSeed(seed));
}

export function manualSeed(seed: Seed, device?: number): void {
  const s = toSeed(seed);
  native().manualSeed(s, currentDevice(device));
}

export function initialSeed(device?: number): bigint {
  return native().getDeviceState(currentDevice(device))[0];
}

/** 16 bytes: seed u64 little-endian, then offset u64 little-endian (PyTorch's CUDA state layout). */
export function getRngState(device?: number): Uint8Array {
  const [seed, offset] = native().getDeviceState(currentDevice(device));
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, seed, true);
  view.setBigUint64(8, offset, true);
  return out;
}

/**
 * Restores what getRngState gave. The 16 bytes are copied once through the array's internal slots
 * (an own `byteLength` or a Proxy posing as a Uint8Array cannot change what is read), then checked.
 */
export function setRngState(state: Uint8Array, device?: number): void {
  if (typedArrayKind(state) !== 'Uint8Array') throw invalidArgType('state', 'a Uint8Array of 16 bytes', state);
  const length = typedArrayLength(state);
  if (length !== 16) {
    throw codedError('RangeError', 'ERR_INVALID_RNG_STATE', `a CUDA RNG state is 16 bytes, received ${length} (${describe(state)})`);
  }
  const view = new DataView(new Uint8Array(state).buffer);
  const seed = view.getBigUint64(0, true);
  const offset = view.getBigUint64(8, true);
  if (offset % 4n !== 0n) {
    throw codedError('RangeError', 'ERR_INVALID_RNG_STATE', `a CUDA RNG state's offset must be a multiple of 4, received ${offset}`);
  }
  native().setDeviceState(currentDevice(device), seed, offset);
}

/** The addon's own name for `cuda.manualSeedAll`. */
export function cudaManualSeedAll(seed: Seed): void {
  manualSeedAll(seed);
}
