import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from './package-root';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached === undefined) {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
    cached = pkg.version;
  }
  return cached;
}
