// Records of the run-time CUDA library loader (native/dso): what was loaded, from where, or every
// candidate tried and why it failed.
import { binding } from '../core/binding';
import { codedError } from '../core/errors';

export type LibraryName = 'cuda' | 'cudart' | 'curand' | 'cudnn';

export interface LoadAttempt {
  path: string;
  origin: 'override' | 'loaded' | 'pip' | 'cuda-home' | 'system';
  /** null when this attempt loaded the library */
  error: string | null;
}

export interface LibraryRecord {
  name: LibraryName;
  loaded: boolean;
  path: string | null;
  origin: LoadAttempt['origin'] | null;
  soname: string | null;
  version: string | null;
  versionNumber: number | null;
  error: string | null;
  attempts: LoadAttempt[];
}

interface LibrariesNative {
  libraryRecords(): Record<LibraryName, LibraryRecord>;
}

/** Loads (once per process) every CUDA library and returns what happened to each. */
export function libraryRecords(): Record<LibraryName, LibraryRecord> {
  return binding<LibrariesNative>().libraryRecords();
}

export function libraryRecord(name: LibraryName): LibraryRecord {
  return libraryRecords()[name];
}

const displayName: Record<LibraryName, string> = { cuda: 'libcuda (driver)', cudart: 'libcudart', curand: 'libcurand', cudnn: 'libcudnn' };

/** ERR_LIBRARY_LOAD naming the library, why it failed and what was tried. */
function libraryLoadError(record: LibraryRecord, code = 'ERR_LIBRARY_LOAD', hint?: string) {
  const tried = record.attempts.map((a) => `    ${a.path} (${a.origin}): ${a.error ?? 'loaded'}`).join('\n');
  return codedError(
    'Error',
    code,
    `${displayName[record.name]} is not usable: ${record.error ?? 'unknown reason'}` +
      (tried ? `\n  tried:\n${tried}` : '') +
      (hint ? `\n  ${hint}` : '\n  set SEED_EVERYTHING_CUDA_PATH to the folder holding it, or run `npx seed-everything doctor`'),
    { library: record.name, attempts: record.attempts },
  );
}

/** The record of a library that must be usable; throws ERR_LIBRARY_LOAD (or `code`) otherwise. */
export function requireLibrary(name: LibraryName, code?: string, hint?: string): LibraryRecord {
  const record = libraryRecord(name);
  if (!record.loaded) throw libraryLoadError(record, code, hint);
  return record;
}
