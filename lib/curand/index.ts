// cuRAND: availability, version and generators.
import { libraryRecord } from '../doctor/libraries';
import { Generator, Ordering, RngType } from './generator';

export { Generator, RngType, Ordering, MAX_POISSON_LAMBDA, MAX_QUASI_DIMENSIONS } from './generator';
export type { RngTypeName, OrderingName, GeneratorOptions, DeviceOutputOptions } from './generator';

export function isAvailable(): boolean {
  return libraryRecord('curand').loaded;
}

/** e.g. "10.3.0", or null when libcurand cannot be loaded. */
export function version(): string | null {
  const r = libraryRecord('curand');
  return r.loaded ? r.version : null;
}

export const curand = { isAvailable, version, Generator, RngType, Ordering };
