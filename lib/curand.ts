// cuRAND: availability and version. Generators come with the cuRAND generator module.
import { libraryRecord } from './libraries';

export function isAvailable(): boolean {
  return libraryRecord('curand').loaded;
}

/** e.g. "10.3.0", or null when libcurand cannot be loaded. */
export function version(): string | null {
  const r = libraryRecord('curand');
  return r.loaded ? r.version : null;
}
