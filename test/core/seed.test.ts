import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { resolveSeed, toSeed } from '../../lib/core/seed';
import { throwsCode } from '../helpers/errors';


test('numbers and bigints in range are kept as they are', () => {
  assert.is(toSeed(0), 0n);
  assert.is(toSeed(42), 42n);
  assert.is(toSeed(Number.MAX_SAFE_INTEGER), 2n ** 53n - 1n);
  assert.is(toSeed(2n ** 64n - 1n), 2n ** 64n - 1n);
  assert.is(toSeed(-0), 0n);
});

test('strings hash to the first 8 SHA-256 bytes, little-endian', () => {
  const digest = createHash('sha256').update('experiment-7').digest();
  assert.is(toSeed('experiment-7'), digest.readBigUInt64LE(0));
  assert.is(resolveSeed('experiment-7').source, 'string');
});

test('bad seeds get coded errors', () => {
  throwsCode(() => toSeed(NaN), RangeError, 'ERR_SEED_NOT_INTEGER');
  throwsCode(() => toSeed(1.5), RangeError, 'ERR_SEED_NOT_INTEGER');
  throwsCode(() => toSeed(Infinity), RangeError, 'ERR_SEED_NOT_INTEGER');
  throwsCode(() => toSeed(-1), RangeError, 'ERR_SEED_NEGATIVE');
  throwsCode(() => toSeed(-1n), RangeError, 'ERR_SEED_NEGATIVE');
  throwsCode(() => toSeed(2 ** 53), RangeError, 'ERR_SEED_UNSAFE');
  throwsCode(() => toSeed(2n ** 64n), RangeError, 'ERR_SEED_TOO_LARGE');
  throwsCode(() => toSeed(''), RangeError, 'ERR_SEED_EMPTY');
  throwsCode(() => toSeed({}), TypeError, 'ERR_SEED_TYPE');
  throwsCode(() => toSeed(null), TypeError, 'ERR_SEED_TYPE');
  throwsCode(() => toSeed(undefined), TypeError, 'ERR_SEED_TYPE');
});

test.run();
