// Stand-in CUDA libraries compiled with the system's g++, for loader tests: a file with the right
// soname and exactly the symbols a test wants.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { binding } from '../../lib/core/binding';

export const hasCompiler = spawnSync('sh', ['-c', 'command -v g++'], { encoding: 'utf8' }).status === 0;

export type CudaLibrary = 'cuda' | 'cudart' | 'curand' | 'cudnn';

/** Every symbol the addon's loader resolves for `lib`, required and optional (native/<concept>/*_api.h). */
export function librarySymbols(lib: CudaLibrary): { required: string[]; optional: string[] } {
  return binding<{ librarySymbols(): Record<CudaLibrary, { required: string[]; optional: string[] }> }>().librarySymbols()[lib];
}

/**
 * A stand-in `lib`: `own` (C++ with real bodies) plus a function returning `status` for every
 * required symbol `own` does not define.
 */
export function stubLibrarySource(lib: CudaLibrary, status: number, own = ''): string {
  const defined = new Set(Array.from(own.matchAll(/extern "C" [^(]*?\b(\w+)\(/g), (m) => m[1]));
  return `${stubFunctions(librarySymbols(lib).required.filter((s) => !defined.has(s)), status)}\n${own}`;
}

/** A function returning `status` for every name (their arguments are never read). */
function stubFunctions(names: string[], status: number): string {
  return names.map((s) => `extern "C" int ${s}(...) { return ${status}; }`).join('\n');
}

/** A libcurand.so.10 that loads and reports `version` (10999 → "10.9.99"); its generators fail. */
export function curandStubSource(version = 10999): string {
  return stubLibrarySource('curand', 999, `extern "C" int curandGetVersion(int* v) { *v = ${version}; return 0; }\n`);
}

/** Compiles `source` into `dir`/`soname` (folders created). */
export function buildStub(dir: string, soname: string, source: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const src = path.join(dir, `${soname}.cc`);
  fs.writeFileSync(src, source);
  const out = path.join(dir, soname);
  const r = spawnSync('g++', ['-shared', '-fPIC', `-Wl,-soname,${soname}`, '-o', out, src], { encoding: 'utf8' });
  fs.rmSync(src);
  if (r.status !== 0) throw new Error(`g++ failed for ${soname}: ${r.stderr}`);
  return out;
}
