// Count-form async results live in blocks the addon maps off the JS thread; a collected result's
// block goes to a bounded cache and is handed to the next result of about its size. These tests
// run in child processes, so the cache starts empty and gc() can be exposed.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { runChild } from '../helpers/child';

const MiB = 2 ** 20;
const prelude = `
  require('v8').setFlagsFromString('--expose-gc');
  const gc = require('vm').runInNewContext('gc');
  const { Philox, philoxInfo } = require('./lib/philox/philox');
  const cached = () => philoxInfo().cachedBlockBytes;
  const same = (a, b) => Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
  // Finalizers of collected external buffers run on a later turn.
  const settle = async () => { for (let i = 0; i < 4; i++) { gc(); await new Promise((r) => setImmediate(r)); } };`;

function child<T>(body: string): T {
  const r = runChild(`${prelude}\n(async () => { ${body} })().catch((e) => { console.error(e); process.exit(1); });`, {}, 60000);
  assert.is(r.status, 0, r.stderr);
  return r.json<T>();
}

test('a collected result gives its block to the next result of its size, which gets the right bits and no stale data', () => {
  const out = child<{ before: number; afterDrop: number; afterReuse: number; sameBits: boolean; live: boolean }>(`
    const n = 16 * 2 ** 20; // 64 MiB of floats
    const before = cached();
    let first = await new Philox(1).uniformAsync(n);
    first = undefined;
    await settle();
    const afterDrop = cached();
    const p = new Philox(2, 12345n);
    const second = await p.uniformAsync(n);
    const afterReuse = cached();
    const want = new Philox(2, 12345n).uniform(n);
    // A third live result while the second is alive must have memory of its own.
    const third = await new Philox(3).uniformAsync(n);
    third.fill(7);
    console.log(JSON.stringify({ before, afterDrop, afterReuse, sameBits: same(second, want), live: same(second, want) && third[0] === 7 }));`);
  assert.is(out.before, 0);
  assert.is(out.afterDrop, 64 * MiB, 'the dropped result is cached');
  assert.is(out.afterReuse, 0, 'the next result of its size took it');
  assert.ok(out.sameBits, 'a reused block holds exactly the new fill');
  assert.ok(out.live, 'writing one live result leaves another untouched');
});

test('the cache holds at most 512 MiB; the oldest blocks leave first; small results are not cached', () => {
  const out = child<{ sizes: number[]; small: number }>(`
    const sizes = [];
    for (let k = 0; k < 4; k++) {
      let r = await new Philox(k).uniformAsync(48 * 2 ** 20); // 192 MiB each
      r = undefined;
      await settle();
      sizes.push(cached());
    }
    let s = await new Philox(9).uint32Async(1000);
    s = undefined;
    await settle();
    console.log(JSON.stringify({ sizes, small: cached() - sizes[3] }));`);
  // Each new result takes the one cached block of its size, then gives its own back.
  assert.equal(out.sizes, [192 * MiB, 192 * MiB, 192 * MiB, 192 * MiB]);
  assert.is(out.small, 0);
});

test('blocks of different sizes: two dropped at once stay within the bound, a much smaller result does not take a large block', () => {
  const out = child<{ both: number; afterSmall: number; afterBig: number }>(`
    let a = await new Philox(1).uniformAsync(80 * 2 ** 20); // 320 MiB
    let b = await new Philox(2).uniformAsync(64 * 2 ** 20); // 256 MiB
    a = b = undefined;
    await settle();
    const both = cached();
    const small = await new Philox(3).uniformAsync(2 ** 20); // 4 MiB: fresh memory
    const afterSmall = cached();
    const big = await new Philox(4).uniformAsync(64 * 2 ** 20);
    const ok = same(big, new Philox(4).uniform(64 * 2 ** 20)) && same(small, new Philox(3).uniform(2 ** 20));
    if (!ok) throw new Error('wrong bits');
    console.log(JSON.stringify({ both, afterSmall, afterBig: cached() }));`);
  assert.ok(out.both <= 512 * MiB && out.both >= 256 * MiB, `cached ${out.both}`);
  assert.is(out.afterSmall, out.both);
  assert.is(out.afterBig, out.both - 256 * MiB, 'the 256 MiB result took the 256 MiB block');
});

test('a result cannot be moved away from its block: a transfer copies it, and the result keeps its memory', () => {
  const out = child<{ kept: boolean; copied: boolean; posted: boolean }>(`
    const r = await new Philox(6).uniformAsync(2 ** 22);
    const want = new Philox(6).uniform(2 ** 22);
    const moved = new Float32Array(structuredClone(r.buffer, { transfer: [r.buffer] }));
    const { port1, port2 } = new MessageChannel();
    const got = new Promise((res) => port2.once('message', res));
    port1.postMessage(r.buffer, [r.buffer]);
    const posted = new Float32Array(await got);
    port1.close();
    console.log(JSON.stringify({ kept: r.length === 2 ** 22 && same(r, want), copied: same(moved, want) && moved.buffer !== r.buffer, posted: same(posted, want) }));`);
  // The cache relies on this: only the finalizer, once no array reaches the memory, gives it back.
  assert.ok(out.kept, 'the result still has its memory and bits');
  assert.ok(out.copied && out.posted, 'the receivers got copies');
});

test('a worker thread that ends gives up the blocks cached while it ran', () => {
  const out = child<{ inWorker: number; afterExit: number }>(`
    const { Worker } = require('node:worker_threads');
    const code = \`
      require('tsx/cjs');
      const collect = globalThis.gc; // the flag the parent set holds for the whole process
      const { parentPort } = require('node:worker_threads');
      const { Philox, philoxInfo } = require(\${JSON.stringify(require.resolve('./lib/philox/philox'))});
      (async () => {
        let r = await new Philox(5).uniformAsync(2 ** 22);
        r = undefined;
        for (let i = 0; i < 4; i++) { collect(); await new Promise((res) => setImmediate(res)); }
        parentPort.postMessage(philoxInfo().cachedBlockBytes);
      })();\`;
    const w = new Worker(code, { eval: true });
    const inWorker = await new Promise((res, rej) => { w.once('message', res); w.once('error', rej); });
    await new Promise((res) => w.once('exit', res));
    console.log(JSON.stringify({ inWorker, afterExit: cached() }));`);
  assert.is(out.inWorker, 16 * MiB);
  assert.is(out.afterExit, 0);
});

test.run();
