// Every error code the sources can throw is listed in the README's table, so codes stay a
// documented contract.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../helpers/child';

function files(dir: string, ext: RegExp): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full, ext) : ext.test(e.name) ? [full] : [];
  });
}

test('every ERR_* literal in lib/ and native/ appears in the README', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  const codes = new Set<string>();
  for (const f of [...files(path.join(root, 'lib'), /\.ts$/), ...files(path.join(root, 'native'), /\.(cc|h)$/)]) {
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/['"`](ERR_[A-Z0-9_]+)/g)) codes.add(m[1]);
  }
  assert.ok(codes.size > 30, `found ${codes.size} codes`);
  const missing = [...codes].filter((c) => !readme.includes(`\`${c}\``) && !/^ERR_(CUDA|CURAND|CUDNN)_$/.test(c));
  assert.equal(missing, []);
});

test.run();
