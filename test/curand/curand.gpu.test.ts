// On a GPU: a device PHILOX4_32_10 generator with LEGACY ordering draws exactly the CPU engine's
// stream, for several seeds, offsets and counts up to 2^28, and how fast it fills compared with a
// device-to-device copy of the same size.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cuda, curand, Philox } from '../../lib/index';
import { requires } from '../helpers/require';

const gpu = cuda.isAvailable();
const it = requires('gpu', gpu && curand.isAvailable(), gpu ? 'libcurand cannot be loaded' : `no CUDA device (${cuda.status().error ?? cuda.status().runtimeError ?? 'none visible'})`);

function equalBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

it('device Philox (LEGACY) equals the CPU engine bit for bit: uint32 and uniform', () => {
  const cases: [bigint, bigint, number][] = [
    [0n, 0n, 4096],
    [11n, 0n, 1 << 20],
    [2n ** 64n - 1n, 4n * 65536n, 1 << 22],
    [2n ** 32n, 3n, 1 << 24],
    [123456789n, 2n ** 40n, (1 << 20) + 4],
    [42n, 0n, 1 << 28],
  ];
  for (const [seed, offset, count] of cases) {
    const buf = new cuda.DeviceBuffer(count * 4);
    for (const kind of ['u32', 'uniform'] as const) {
      const g = new curand.Generator('PHILOX4_32_10', { device: 0, seed, offset, ordering: 'PSEUDO_LEGACY' });
      const host = kind === 'u32' ? new Uint32Array(count) : new Float32Array(count);
      if (kind === 'u32') g.generate(buf, count);
      else g.uniform(buf, { count });
      buf.copyTo(host);
      const cpu = kind === 'u32' ? new Philox(seed, offset).uint32(count) : new Philox(seed, offset).uniform(count);
      assert.ok(equalBytes(host, cpu), `${kind} seed ${seed} offset ${offset} count ${count}`);
      g.close();
    }
    buf.close();
  }
});

it('device fill throughput next to a device-to-device copy of the same size', () => {
  const count = 1 << 28;
  const a = new cuda.DeviceBuffer(count * 4);
  const b = new cuda.DeviceBuffer(count * 4);
  const g = new curand.Generator('PHILOX4_32_10', { device: 0, seed: 1 });
  g.uniform(a);
  b.copyFromDevice(a);
  const time = (fn: () => void) => {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = process.hrtime.bigint();
      fn();
      runs.push(Number(process.hrtime.bigint() - t0) / 1e9);
    }
    return runs.sort((x, y) => x - y)[2];
  };
  const fill = time(() => g.uniform(a));
  const copy = time(() => b.copyFromDevice(a));
  const gb = (count * 4) / 1e9;
  console.log(`  2^28 float32: cuRAND Philox fill ${(gb / fill).toFixed(0)} GB/s written; device-to-device copy ${((2 * gb) / copy).toFixed(0)} GB/s read+written (${(gb / copy).toFixed(0)} GB/s written)`);
  assert.ok(fill > 0 && copy > 0);
  g.close();
  a.close();
  b.close();
});

test.run();
