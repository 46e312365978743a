// cuRAND: availability, version and generators.
import { libraryRecord } from './libraries';

export { Generator, RngType, Ordering, MAX_POISSON_LAMBDA, MAX_QUASI_DIMENSIONS } from './curand-generator';
export type { RngTypeName, OrderingName, GeneratorOptions, DeviceOutputOptions } from './curand-generator';

export function isAvailable(): boolean {
  return libraryRecord('curand').loaded;
}

/** e.g. "10.3.0", or null when libcurand cannot be loaded. */
export function version(): string | null {
  const r = libraryRecord('curand');
  return r.loaded ? r.version : null;
}
