// Loads test/fixtures/compat-golden.json (written by tools/golden/compat_golden.py from the
// real CPython and numpy) and decodes its integers: "123n" strings are bigints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
export { throwsCode } from '../helpers/errors';

export type Enc = number | string | boolean | null | Enc[] | { [k: string]: Enc };

export const golden = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'compat-golden.json'), 'utf8'));

export function dec(v: Enc): unknown {
  if (typeof v === 'string' && /^-?\d+n$/.test(v)) return BigInt(v.slice(0, -1));
  if (Array.isArray(v)) return v.map(dec);
  return v;
}

/** Same value bit for bit: floats by Object.is, integers compared as bigints. */
export function same(actual: unknown, expected: Enc, where: string): void {
  if (Array.isArray(expected)) {
    const list = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<unknown>) : (actual as unknown[]);
    assert.ok(Array.isArray(list), `${where}: expected an array, got ${String(actual)}`);
    assert.is(list.length, expected.length, `${where}: length`);
    for (let i = 0; i < expected.length; i++) same(list[i], expected[i], `${where}[${i}]`);
    return;
  }
  const want = dec(expected);
  if (typeof want === 'bigint' || typeof actual === 'bigint') {
    assert.is(String(actual), String(want), where);
    return;
  }
  if (!Object.is(actual, want)) assert.unreachable(`${where}: got ${String(actual)}, expected ${String(want)}`);
}


/** Counts the draws compared bit for bit, so a test can say how many it checked. */
export function sameSeries(actual: ArrayLike<number>, expected: number[], where: string): number {
  same(Array.from(actual), expected, where);
  return expected.length;
}
