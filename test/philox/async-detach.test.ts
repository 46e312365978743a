// An async fill writes into the addon's own memory and copies into the array on the JS thread:
// transferring the array's buffer while the fill runs must reject, not write into freed memory.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { Philox } from '../../lib/philox/philox';

const N = 1 << 20;
const gc = (globalThis as { gc?: () => void }).gc;

async function rejectsDetached(pending: Promise<unknown>): Promise<void> {
  try {
    await pending;
  } catch (err) {
    assert.is((err as { code?: string }).code, 'ERR_DETACHED_BUFFER', String(err));
    return;
  }
  assert.unreachable('expected ERR_DETACHED_BUFFER');
}

test('transferring the buffer right after starting an async fill rejects with ERR_DETACHED_BUFFER', async () => {
  const p = new Philox(1);
  const out = new Float64Array(N);
  const pending = p.normalDoubleAsync(out);
  // structuredClone moves the memory to a new owner; dropping that owner lets it be freed.
  let moved: ArrayBuffer | undefined = structuredClone(out.buffer, { transfer: [out.buffer] });
  assert.is(moved.byteLength, N * 8);
  assert.is(out.length, 0, 'the array is detached');
  moved = undefined;
  gc?.();
  await rejectsDetached(pending);
  assert.is(p.offset, BigInt(N), 'the offset advanced when the call was made');
});

test('every async kind rejects the same way, and a later fill works', async () => {
  const p = new Philox(2);
  const u32 = new Uint32Array(N);
  const f32 = new Float32Array(N);
  const f64 = new Float64Array(N);
  const pending = [p.uint32Async(u32), p.uniformAsync(f32), p.uniformDoubleAsync(f64)];
  for (const a of [u32, f32, f64]) structuredClone(a.buffer, { transfer: [a.buffer] });
  // Handlers on all three at once: they settle in any order.
  await Promise.all(pending.map(rejectsDetached));
  const again = await new Philox(2).uniformAsync(new Float32Array(16));
  assert.equal(Array.from(again), Array.from(new Philox(2).uniform(16)));
});

test('an untouched array is filled exactly as the synchronous call fills it', async () => {
  const a = await new Philox(3).logNormalDoubleAsync(new Float64Array(4099), 0.5, 2);
  assert.equal(Array.from(a), Array.from(new Philox(3).logNormalDouble(4099, 0.5, 2)));
});

test.run();
