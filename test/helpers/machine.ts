// Facts about this machine that decide which exact assertions apply.
import { execFileSync } from 'node:child_process';

let cache: string | undefined;

function ldconfig(): string {
  if (cache === undefined) {
    try {
      cache = execFileSync('ldconfig', ['-p'], { encoding: 'utf8' });
    } catch {
      cache = '';
    }
  }
  return cache;
}

/** Whether the dynamic linker's cache lists `soname`. */
export function systemHas(soname: string): boolean {
  return ldconfig().includes(`${soname} `);
}
