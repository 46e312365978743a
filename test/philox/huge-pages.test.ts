// Outputs of 4 MiB or more get huge pages asked for before they are filled (madvise, on the whole
// 2 MiB pages inside the view not written yet): /proc/self/smaps shows the advice ("hg") on a
// region the size of a new array after its first sync or async fill and none on an array written
// before, the bits do not depend on it, and nothing outside the view is written.
import { existsSync, readFileSync } from 'node:fs';
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { Philox } from '../../lib/philox/philox';

const MiB = 1 << 20;
// Where the kernel has no transparent huge pages, madvise refuses the advice and no region shows it.
const THP = existsSync('/sys/kernel/mm/transparent_hugepage/enabled');

// Regions whose VmFlags carry the huge-page advice and whose size is that of the whole huge pages
// inside an array of `bytes`: (bytes - 4 MiB, bytes]. Each test uses a size of its own, so that
// arrays of other tests, alive or collected meanwhile, do not count.
function advisedRegions(bytes: number): number {
  let count = 0;
  let size = 0;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const range = /^([0-9a-f]+)-([0-9a-f]+) /.exec(line);
    if (range) size = Number(BigInt('0x' + range[2]) - BigInt('0x' + range[1]));
    else if (line.startsWith('VmFlags:') && size > bytes - 4 * MiB && size <= bytes && line.split(/\s+/).includes('hg')) count++;
  }
  return count;
}

test('a sync fill of a new 64 MiB array asks for huge pages on it; the bits are those of a fill elsewhere', () => {
  const before = advisedRegions(64 * MiB);
  const a = new Float32Array(16 * MiB);
  new Philox(7n).uniform(a);
  assert.is(advisedRegions(64 * MiB), before + (THP ? 1 : 0));
  // The same stream into an odd view of a buffer of its own (other page edges, other advice).
  const other = new Float32Array(16 * MiB + 1).subarray(1);
  new Philox(7n).uniform(other);
  assert.ok(Buffer.from(a.buffer).equals(Buffer.from(other.buffer, other.byteOffset, other.byteLength)));
});

test('an async fill of a new 80 MiB array asks for huge pages on it before its first step', async () => {
  const before = advisedRegions(80 * MiB);
  const a = await new Philox(9n).uniformAsync(new Float32Array(20 * MiB));
  assert.is(advisedRegions(80 * MiB), before + (THP ? 1 : 0));
  assert.ok(Buffer.from(a.buffer).equals(Buffer.from(new Philox(9n).uniform(20 * MiB).buffer)));
});

test('an array written before its fill gets no advice (its 4 KiB pages stay as they are)', () => {
  const before = advisedRegions(96 * MiB);
  const a = new Float32Array(24 * MiB).fill(1);
  new Philox(5n).uniform(a);
  assert.is(advisedRegions(96 * MiB), before);
  assert.ok(Buffer.from(a.buffer).equals(Buffer.from(new Philox(5n).uniform(24 * MiB).buffer)), 'the fill wrote the array');
});

test('a view inside a larger buffer: only the view is written, the bytes around it keep their values', () => {
  const bytes = new Uint8Array(12 * MiB + 3 * 4096).fill(0xa5);
  const view = new Uint32Array(bytes.buffer, 4096 + 12, (8 * MiB) / 4 + 5);
  new Philox(11n).uint32(view);
  const end = view.byteOffset + view.byteLength;
  assert.ok(bytes.subarray(0, view.byteOffset).every((b) => b === 0xa5), 'bytes before the view');
  assert.ok(bytes.subarray(end).every((b) => b === 0xa5), 'bytes after the view');
  assert.equal(Array.from(view.subarray(0, 4)), Array.from(new Philox(11n).uint32(4)));
});

test('views too small to hold a whole huge page are filled as before', () => {
  for (const n of [1, 4096, MiB - 1, MiB + 1]) {
    const a = new Float64Array(n);
    new Philox(3n).uniformDouble(a);
    assert.ok(a.every((x) => x > 0 && x <= 1), `n=${n}`);
  }
});

test.run();
