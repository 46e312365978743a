// On a GPU: seeding creates no context, and a device's default generator draws exactly the CPU
// Philox stream for the same (seed, offset).
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cuda, Philox } from '../../lib/index';
import { runChild } from '../helpers/child';
import { requires } from '../helpers/require';

const it = requires('gpu', cuda.isAvailable(), `no CUDA device (${cuda.status().error ?? cuda.status().runtimeError ?? 'none visible'})`);

it('seedEverything and manualSeed create no CUDA context (driver API primary-context state)', () => {
  const r = runChild(
    `const { seedEverything, cuda, doctor } = require('./lib/index');
     seedEverything(5, { deterministic: true });
     cuda.manualSeed(6, 0);
     cuda.getRngState(0);
     console.log(JSON.stringify(doctor().cuda.devices.map((d) => d.contextActive)));`,
  );
  assert.is(r.status, 0, r.stderr);
  const active = r.json<boolean[]>();
  assert.ok(active.length > 0);
  assert.equal(active, active.map(() => false));
});

it('cuda.uniform equals Philox on the CPU for the same seed and offset, across successive draws', () => {
  cuda.manualSeed(123456789n, 0);
  const cpu = new Philox(123456789n, 0n);
  for (const n of [1, 3, 4, 7, 1000, 65537, 1 << 20]) {
    const buf = new cuda.DeviceBuffer(n * 4);
    const [seed, offset] = [cuda.initialSeed(0), new DataView(cuda.getRngState(0).buffer).getBigUint64(8, true)];
    cuda.uniform(buf);
    const got = buf.copyTo(new Float32Array(n));
    const want = new Philox(seed, offset).uniform(n);
    assert.equal(Array.from(got), Array.from(want), `count ${n} at offset ${offset}`);
    buf.close();
    void cpu;
    const after = new DataView(cuda.getRngState(0).buffer).getBigUint64(8, true);
    assert.is(after, offset + BigInt(Math.ceil(n / 4) * 4));
  }
});

it('cuda.normal draws from the same state (not bit-identical to the CPU: device normals use fast math)', () => {
  cuda.manualSeed(7, 0);
  const buf = new cuda.DeviceBuffer(4096 * 4);
  cuda.normal(buf, 0, 1);
  const got = buf.copyTo(new Float32Array(4096));
  const want = new Philox(7n, 0n).normal(4096);
  let worst = 0;
  for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  assert.ok(worst < 1e-4, `max |gpu - cpu| = ${worst}`);
  buf.close();
});

test.run();
