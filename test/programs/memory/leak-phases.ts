// Child body of leaks.test.ts (run with --expose-gc): resident memory after each phase, once
// warmed up, so that the growth across each phase is what a leak would add.
import { Philox, curand, getRngState, seedEverything } from '../../../lib/index';

const gc = (globalThis as { gc?: () => void }).gc!;
// Node-API finalizers of collected wrappers run from the event loop, not inside gc(): turn it.
const settle = () => new Promise((resolve) => setImmediate(resolve));
const rss = async () => {
  for (let i = 0; i < 3; i++) {
    gc();
    await settle();
  }
  return process.memoryUsage().rss;
};
const phases: Record<string, number> = {};
const cycles = Number(process.env.LEAK_CYCLES ?? 100000);

async function measure(name: string, body: (i: number) => void, n: number): Promise<void> {
  for (let i = 0; i < Math.min(n, 2000); i++) body(i); // warm-up: allocator pools, JIT, libcurand's own caches
  const before = await rss();
  const t0 = Date.now();
  // In slices, with the loop turning between them, as a real program's loop turns.
  for (let i = 0; i < n; i++) {
    body(i);
    if (i % 1000 === 999) await settle();
  }
  phases[name] = (await rss()) - before;
  phases[`${name}Ms`] = Date.now() - t0;
}

async function main(): Promise<void> {
  seedEverything(1);
  if (curand.isAvailable()) {
    // Creating and destroying is cheap (tens of microseconds); the first generation of a host Philox
    // builds its subsequence states (about 10 ms), so only one cycle in a thousand generates.
    await measure('curand', (i) => {
      const g = new curand.Generator('PHILOX4_32_10', { seed: i });
      if (i % 1000 === 0) g.generate(4);
      g.close();
    }, cycles);
  }
  await measure('philox', (i) => {
    new Philox(BigInt(i)).uint32(4);
  }, cycles);
  await measure('snapshots', () => {
    getRngState();
  }, cycles / 10);
  console.log(JSON.stringify(phases));
}

void main();
