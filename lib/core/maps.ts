import * as fs from 'node:fs';

/** The first path mapped into this process that matches `pattern`, or null (also without /proc). */
export function mappedFile(pattern: RegExp): string | null {
  try {
    return fs.readFileSync('/proc/self/maps', 'utf8').match(pattern)?.[0] ?? null;
  } catch {
    return null;
  }
}
