// The only file that loads the native addon. Loading is lazy: requiring the package maps no
// .node and no CUDA library until something needs them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codedError, cudaErrorCode, cudnnErrorCode, curandErrorCode, type ErrorKind } from './errors';
import { packageRoot } from './package-root';

export interface AddonInfo {
  path: string;
  kind: 'build' | 'prebuild' | 'override';
}

let addon: Record<string, unknown> | undefined;
let info: AddonInfo | undefined;

// The build folders first (a local `npm rebuild` wins over the shipped binary), then the prebuild
// for this platform and architecture. Only SEED_EVERYTHING_ADDON changes this order: node-gyp-build's
// own variables (SEED_EVERYTHING_PREBUILD, npm_config_arch, PREBUILDS_ONLY) are not consulted.
function searchFolders(): { dir: string; kind: AddonInfo['kind'] }[] {
  return [
    { dir: path.join(packageRoot, 'build', 'Release'), kind: 'build' },
    { dir: path.join(packageRoot, 'build', 'Debug'), kind: 'build' },
    { dir: path.join(packageRoot, 'prebuilds', `${process.platform}-${process.arch}`), kind: 'prebuild' },
  ];
}

function addonFiles(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.node'))
      .sort()
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

function overridePath(value: string): string {
  if (!path.isAbsolute(value) || !value.endsWith('.node')) {
    throw codedError(
      'Error',
      'ERR_ADDON_PATH',
      `SEED_EVERYTHING_ADDON must be the absolute path of a .node file, received ${JSON.stringify(value)}: ` +
        'a relative path would load whatever the current folder holds',
      { value },
    );
  }
  return path.normalize(value);
}

function loadFailure(tried: string[], cause: unknown): Error {
  const napi = process.versions.napi ?? 'unknown';
  const reason = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return codedError(
    'Error',
    'ERR_ADDON_LOAD',
    [
      `seed-everything could not load its native addon: ${reason}`,
      `  platform: ${process.platform}, arch: ${process.arch}, Node ${process.version}, Node-API ${napi} (needs 8)`,
      `  files tried:\n${tried.map((t) => `    ${t}`).join('\n')}`,
      '  what to do: reinstall so that a prebuild for this platform is used (npm install seed-everything),',
      '  or build from source with a C++17 compiler and python3: `npm rebuild seed-everything`',
      '  (no CUDA toolkit is needed to build). SEED_EVERYTHING_ADDON may name the absolute path of a .node file to load instead.',
    ].join('\n'),
    { cause, tried, platform: process.platform, arch: process.arch, napiVersion: napi },
  );
}

function load(): Record<string, unknown> {
  const override = process.env.SEED_EVERYTHING_ADDON;
  let chosen: AddonInfo | undefined;
  const tried: string[] = [];
  if (override) {
    chosen = { path: overridePath(override), kind: 'override' };
    tried.push(chosen.path);
  } else {
    for (const { dir, kind } of searchFolders()) {
      const files = addonFiles(dir);
      tried.push(...(files.length ? files : [path.join(dir, '*.node')]));
      if (!chosen && files.length) chosen = { path: files[0], kind };
    }
    if (!chosen) throw loadFailure(tried, new Error(`no .node file for ${process.platform}-${process.arch}`));
  }
  let loaded: Record<string, unknown>;
  try {
    loaded = require(chosen.path) as Record<string, unknown>;
  } catch (err) {
    throw loadFailure(tried, err);
  }
  info = chosen;
  (loaded.setErrorFactory as (f: (kind: ErrorKind, code: string, message: string) => Error) => void)(nativeError);
  return loaded;
}

function driverLoaded(): boolean {
  const records = (addon?.libraryRecords as (() => { cuda: { loaded: boolean } }) | undefined)?.();
  return records?.cuda.loaded ?? true;
}

// C++ names library failures by the library's own status name ("curand:CURAND_STATUS_…",
// "cuda:cudaError…", "cudnn:CUDNN_STATUS_…"); the code is derived here, in one place.
function nativeError(kind: ErrorKind, code: string, message: string): Error {
  const colon = code.indexOf(':');
  if (colon < 0) return codedError(kind, code, message);
  const library = code.slice(0, colon);
  const name = code.slice(colon + 1);
  if (library === 'cuda') return codedError(kind, cudaErrorCode(name, driverLoaded()), message, { cudaError: name });
  if (library === 'curand') return codedError(kind, curandErrorCode(name), message, { curandStatus: name });
  if (library === 'cudnn') return codedError(kind, cudnnErrorCode(name), message, { cudnnStatus: name });
  return codedError(kind, code, message);
}

/** The native addon; loaded on first call. Each module declares the slice of it that it uses. */
export function binding<T = Record<string, unknown>>(): T {
  if (addon === undefined) addon = load();
  return addon as T;
}

/** Where the addon was (or would be) loaded from. Loads it if needed. */
export function addonInfo(): AddonInfo {
  binding();
  return info as AddonInfo;
}

export function isAddonLoaded(): boolean {
  return addon !== undefined;
}
