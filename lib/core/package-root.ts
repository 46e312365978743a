import * as fs from 'node:fs';
import * as path from 'node:path';

// The folder holding package.json: lib/core/ and dist/core/ sit two levels below it, while the
// bundled dist/index.js sits one level below, so the depth is found rather than assumed.
function findPackageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(__dirname, '..', '..');
  }
}

export const packageRoot = findPackageRoot();
