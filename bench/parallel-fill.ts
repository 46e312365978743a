// TypedArray.prototype.fill on every hardware thread at once, each thread on its own ordinary
// array of 1/T of the elements: the machine's write limit for a threaded fill, which one thread's
// fill is not. (Shared memory would not do: TypedArray#fill on a SharedArrayBuffer stores element
// by element, relaxed-atomically, at about a third of its speed on ordinary memory.)
import { Worker } from 'node:worker_threads';

const WORKER = `
const { workerData } = require('node:worker_threads');
const { ctl, length } = workerData;
const arr = new Float32Array(length);
let gen = 0;
for (;;) {
  Atomics.wait(ctl, 0, gen);
  gen = Atomics.load(ctl, 0);
  if (Atomics.load(ctl, 2) !== 0) break;
  arr.fill(0.5);
  Atomics.add(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
`;

export interface ParallelFill {
  /** One fill of `length` elements in all, split over every thread; returns when all are written. */
  run(): void;
  close(): void;
}

export function parallelFill(length: number, threads: number): ParallelFill {
  const part = Math.ceil(length / threads);
  const own = new Float32Array(length - part * (threads - 1));
  const ctl = new Int32Array(new SharedArrayBuffer(12)); // [generation, parts done, stop]
  const workers = Array.from({ length: threads - 1 }, () => {
    const w = new Worker(WORKER, { eval: true, workerData: { ctl, length: part } });
    w.unref();
    return w;
  });
  return {
    run() {
      Atomics.store(ctl, 1, 0);
      Atomics.add(ctl, 0, 1);
      Atomics.notify(ctl, 0);
      own.fill(0.5);
      for (let done = Atomics.load(ctl, 1); done < workers.length; done = Atomics.load(ctl, 1)) Atomics.wait(ctl, 1, done);
    },
    close() {
      Atomics.store(ctl, 2, 1);
      Atomics.add(ctl, 0, 1);
      Atomics.notify(ctl, 0);
    },
  };
}
