import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { cuda, deriveSeed, seedEverything } from '../../lib/index';
import { detectRank } from '../../lib/seed/workers';

const workerFile = path.join(__dirname, '..', 'programs', 'seed', 'seed-worker.js');

function runWorkers(n: number): Promise<{ workerId: number; seed: string; draws: number[]; cudaSeed: string }[]> {
  return Promise.all(
    Array.from(
      { length: n },
      (_, i) =>
        new Promise<{ workerId: number; seed: string; draws: number[]; cudaSeed: string }>((resolve, reject) => {
          const w = new Worker(workerFile, { workerData: { workerId: i, tsx: require.resolve('tsx/cjs') } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
}

test('four worker_threads with seedWorker draw distinct streams, the same on every run', async () => {
  seedEverything(77);
  const a = await runWorkers(4);
  const b = await runWorkers(4);
  assert.equal(a, b);
  const firsts = new Set(a.map((r) => r.draws.join(',')));
  assert.is(firsts.size, 4);
  for (const r of a) assert.is(r.seed, deriveSeed(77, 'worker', 0, r.workerId).toString());
  // Workers seed only thread-local generators: the process-wide device seed stays the main thread's.
  for (const r of a) assert.is(r.cudaSeed, '77');
  assert.is(cuda.initialSeed(), 77n);
});

test('rank comes from the launcher variables in order', () => {
  assert.equal(detectRank({}), { rank: 0, source: 'default' });
  assert.equal(detectRank({ LOCAL_RANK: '3', SLURM_PROCID: '9' }), { rank: 3, source: 'LOCAL_RANK' });
  assert.equal(detectRank({ RANK: '2', LOCAL_RANK: '3' }), { rank: 2, source: 'RANK' });
  assert.equal(detectRank({ OMPI_COMM_WORLD_RANK: '5' }), { rank: 5, source: 'OMPI_COMM_WORLD_RANK' });
  assert.equal(detectRank({ PMI_RANK: '6' }), { rank: 6, source: 'PMI_RANK' });
  assert.equal(detectRank({ SLURM_PROCID: '7' }), { rank: 7, source: 'SLURM_PROCID' });
  assert.throws(() => detectRank({ RANK: 'x' }), (e: { code: string }) => e.code === 'ERR_INVALID_RANK');
});

test.run();
