// Every error this package throws is built here, in TypeScript or (through the factory that
// lib/core/binding.ts hands to the addon) in C++, so that codes and shapes never drift apart.

export type ErrorKind = 'Error' | 'TypeError' | 'RangeError';

export interface SeedEverythingError extends Error {
  /** Stable, documented code, e.g. `ERR_SEED_NEGATIVE` or `ERR_CURAND_LENGTH_NOT_MULTIPLE`. */
  code: string;
  [detail: string]: unknown;
}

const constructors: Record<ErrorKind, ErrorConstructor> = {
  Error,
  TypeError,
  RangeError,
};

export function codedError(
  kind: ErrorKind,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): SeedEverythingError {
  const Ctor = constructors[kind] ?? Error;
  const err = new Ctor(message) as SeedEverythingError;
  Object.defineProperty(err, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  if (details) {
    for (const [key, value] of Object.entries(details)) {
      if (key === 'cause') Object.defineProperty(err, 'cause', { value, enumerable: false, writable: true, configurable: true });
      else if (value !== undefined) (err as Record<string, unknown>)[key] = value;
    }
  }
  return err;
}

/**
 * `cudaErrorMemoryAllocation` -> `ERR_CUDA_MEMORY_ALLOCATION`. The runtime says
 * `cudaErrorInsufficientDriver` for an old driver and for none at all: without a loaded driver
 * (`driverLoaded` false) that is `ERR_CUDA_NO_DRIVER`, else `ERR_CUDA_INSUFFICIENT_DRIVER`.
 */
export function cudaErrorCode(cudaErrorName: string, driverLoaded = true): string {
  if (!driverLoaded && cudaErrorName === 'cudaErrorInsufficientDriver') return 'ERR_CUDA_NO_DRIVER';
  const bare = cudaErrorName.replace(/^cudaError_?/, '').replace(/^CUDA_ERROR_/, '');
  return `ERR_CUDA_${toUpperSnake(bare || 'UNKNOWN')}`;
}

/** `CURAND_STATUS_LENGTH_NOT_MULTIPLE` -> `ERR_CURAND_LENGTH_NOT_MULTIPLE`. */
export function curandErrorCode(statusName: string): string {
  return `ERR_CURAND_${statusName.replace(/^CURAND_STATUS_/, '')}`;
}

/** `CUDNN_STATUS_BAD_PARAM` -> `ERR_CUDNN_BAD_PARAM`. */
export function cudnnErrorCode(statusName: string): string {
  return `ERR_CUDNN_${statusName.replace(/^CUDNN_STATUS_/, '').replace(/[^A-Z0-9_]/gi, '_').toUpperCase()}`;
}

function toUpperSnake(name: string): string {
  if (/^[A-Z0-9_]+$/.test(name)) return name;
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toUpperCase();
}

export function describe(value: unknown): string {
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (value === null) return 'null';
  // Reading `constructor` runs getters and Proxy traps, which may throw; the coded error being
  // built must still come out, so a hostile object is only named by its kind.
  try {
    if (Array.isArray(value)) return 'an array';
    if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
    if (typeof value === 'object') return `an object (${(value as object).constructor?.name ?? 'null prototype'})`;
  } catch {
    return `an unreadable ${typeof value}`;
  }
  return `a ${typeof value}`;
}

export function invalidArgType(name: string, expected: string, value: unknown): SeedEverythingError {
  return codedError('TypeError', 'ERR_INVALID_ARG_TYPE', `${name} must be ${expected}, received ${describe(value)}`);
}

export function outOfRange(name: string, expected: string, value: unknown): SeedEverythingError {
  return codedError('RangeError', 'ERR_OUT_OF_RANGE', `${name} must be ${expected}, received ${describe(value)}`);
}

type ArrayOf<T> = { new (length: number): T; readonly name: string };

/**
 * A typed array of `length` elements. V8 reports a failed allocation as an uncoded RangeError;
 * a caller asking for more memory than the machine has gets ERR_OUT_OF_MEMORY instead.
 */
export function allocate<T>(Ctor: ArrayOf<T>, length: number, name = 'length'): T {
  try {
    return new Ctor(length);
  } catch (cause) {
    throw codedError('RangeError', 'ERR_OUT_OF_MEMORY', `cannot allocate a ${Ctor.name} of ${length} elements for ${name}`, { cause });
  }
}
