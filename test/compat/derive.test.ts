import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deriveSeed } from '../../lib/compat/derive';
import { codeOf } from '../helpers/errors';

const golden = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'derive-golden.json'), 'utf8')) as {
  cases: { root: string; path: ({ s: string } | { n: string })[]; seed: string }[];
};

test(`deriveSeed equals numpy's SeedSequence for ${golden.cases.length} recorded (root, path) pairs`, () => {
  assert.ok(golden.cases.length >= 80);
  for (const c of golden.cases) {
    const parts = c.path.map((p) => ('s' in p ? p.s : BigInt(p.n)));
    assert.is(deriveSeed(BigInt(c.root), ...parts), BigInt(c.seed), `${c.root} / ${JSON.stringify(c.path)}`);
  }
});

test('neighbouring roots and paths do not overlap the way seed + n does', () => {
  const seen = new Set<bigint>();
  for (let root = 0; root < 20; root++) for (let rank = 0; rank < 20; rank++) seen.add(deriveSeed(root, rank));
  assert.is(seen.size, 400);
  assert.is.not(deriveSeed(1, 0), deriveSeed(0, 1));
});

test('bad roots and path parts get coded errors', () => {
  assert.is(codeOf(() => deriveSeed(-1)), 'ERR_SEED_NEGATIVE');
  assert.is(codeOf(() => deriveSeed(1, -1)), 'ERR_INVALID_SEED_PATH');
  assert.is(codeOf(() => deriveSeed(1, 1.5)), 'ERR_INVALID_SEED_PATH');
  assert.is(codeOf(() => deriveSeed(1, {} as unknown as string)), 'ERR_INVALID_SEED_PATH');
  assert.is(codeOf(() => deriveSeed(1, 2n ** 64n)), 'ERR_INVALID_SEED_PATH');
});

test.run();
