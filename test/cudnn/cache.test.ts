// The process-wide algorithm cache and the selection entry point (native ChooseAlgorithm), with
// hand-made perf lists standing in for cuDNN's answers (constructed to exercise the rules; no GPU
// was available to record real ones).
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { cudnn } from '../../lib/index';
import { chooseWithPerf, type AlgoPerf } from '../../lib/cudnn/select';
import type { ConvolutionConfig } from '../../lib/cudnn/config';

const DET_BENCH = { deterministic: true, benchmark: true };
const list: AlgoPerf[] = [
  { algo: 0, status: 0, time: 0.1, memory: 0, determinism: 0, mathType: 0 },
  { algo: 2, status: 0, time: 0.3, memory: 0, determinism: 1, mathType: 0 },
];
const base: ConvolutionConfig = { input: [8, 16, 12, 12], filter: [32, 8, 3, 3], padding: 1, stride: 1, dilation: 1, groups: 2 };

function runWorker(source: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const w = new Worker(source, { eval: true, execArgv: ['--require', require.resolve('tsx/cjs')], workerData: { root: path.resolve(__dirname, '../..') } });
    w.once('message', resolve);
    w.once('error', reject);
  });
}

test('benchmark: the first call measures and stores; the same key is then a cache hit without a query', () => {
  cudnn.clearAlgorithmCache();
  const first = chooseWithPerf('forward', base, DET_BENCH, list);
  assert.is(first.source, 'benchmark');
  assert.is(first.queried, 'benchmark');
  assert.is(first.algo, 2);
  // A different list would give another answer; the cache must win.
  const other = [{ ...list[1], algo: 6, time: 0.01 }];
  const second = chooseWithPerf('forward', base, DET_BENCH, other);
  assert.is(second.source, 'cache');
  assert.is(second.queried, null);
  assert.is(second.algo, 2);
  const entries = cudnn.algorithmCache();
  assert.is(entries.length, 1);
  assert.is(entries[0].direction, 'forward');
  assert.equal(entries[0].key.input, [8, 16, 12, 12]);
  assert.is(entries[0].key.deterministic, true);
  assert.is(entries[0].choice.name, 'GEMM');
});

test('a change of any key field misses the cache', () => {
  cudnn.clearAlgorithmCache();
  chooseWithPerf('forward', base, DET_BENCH, list);
  const variants: [string, ConvolutionConfig][] = [
    ['device', { ...base, device: 1 }],
    ['input', { ...base, input: [9, 16, 12, 12] }],
    ['spatial', { ...base, input: [8, 16, 12, 13] }],
    ['filter', { ...base, filter: [32, 8, 5, 3] }],
    ['filter count', { ...base, filter: [16, 8, 3, 3] }],
    ['dataType', { ...base, dataType: 'float16' }],
    ['layout', { ...base, layout: 'NHWC' }],
    ['mathType', { ...base, mathType: 'fma' }],
    ['groups', { ...base, filter: [32, 16, 3, 3], groups: 1 }],
    ['padding', { ...base, padding: [1, 0] }],
    ['stride', { ...base, stride: [1, 2] }],
    ['dilation', { ...base, dilation: [2, 1] }],
    ['workspaceLimit', { ...base, workspaceLimit: 1024 }],
  ];
  for (const [field, config] of variants) {
    assert.is(chooseWithPerf('forward', config, DET_BENCH, list).source, 'benchmark', field);
  }
  assert.is(chooseWithPerf('backwardData', base, DET_BENCH, list).source, 'benchmark', 'direction');
  assert.is(chooseWithPerf('forward', base, { deterministic: false, benchmark: true }, list).source, 'benchmark', 'deterministic flag');
  assert.is(chooseWithPerf('forward', base, { deterministic: false, benchmark: true }, list).algo, 0, 'non-deterministic pick');
  assert.is(chooseWithPerf('forward', base, DET_BENCH, list).source, 'cache', 'the original key still hits');
  assert.is(cudnn.algorithmCache().length, variants.length + 3);
});

test('default and heuristic choices query every time and are not cached', () => {
  cudnn.clearAlgorithmCache();
  const def = [{ algo: 1, status: 0, time: -1, memory: 64, determinism: 1, mathType: 0 }];
  for (let i = 0; i < 2; i++) {
    const d = chooseWithPerf('forward', base, { deterministic: true, benchmark: false }, def);
    assert.is(d.source, 'default');
    assert.is(d.queried, 'default');
    const h = chooseWithPerf('forward', base, { deterministic: false, benchmark: false }, list);
    assert.is(h.source, 'heuristic');
    assert.is(h.queried, 'heuristic');
    assert.is(h.algo, 0);
  }
  assert.is(cudnn.algorithmCache().length, 0);
});

test('failures are not cached', () => {
  cudnn.clearAlgorithmCache();
  let code = '';
  try {
    chooseWithPerf('forward', { ...base, workspaceLimit: 0 }, DET_BENCH, [{ ...list[1], memory: 10 }]);
  } catch (err) {
    code = (err as { code: string }).code;
  }
  assert.is(code, 'ERR_CUDNN_WORKSPACE');
  assert.is(cudnn.algorithmCache().length, 0);
});

test('flags set on the main thread read the same in a worker, and the cache is one per process', async () => {
  cudnn.clearAlgorithmCache();
  cudnn.deterministic = true;
  cudnn.benchmark = true;
  chooseWithPerf('forward', base, DET_BENCH, list);
  const seen = (await runWorker(`
    const { parentPort, workerData } = require('node:worker_threads');
    const path = require('node:path');
    const { cudnn } = require(path.join(workerData.root, 'lib/index.ts'));
    const { chooseWithPerf } = require(path.join(workerData.root, 'lib/cudnn/select.ts'));
    const base = ${JSON.stringify(base)};
    const flags = { deterministic: cudnn.deterministic, benchmark: cudnn.benchmark };
    const hit = chooseWithPerf('forward', base, { deterministic: true, benchmark: true }, []);
    cudnn.benchmark = false;
    parentPort.postMessage({ ...flags, source: hit.source, algo: hit.algo });
  `)) as { deterministic: boolean; benchmark: boolean; source: string; algo: number };
  assert.equal(seen, { deterministic: true, benchmark: true, source: 'cache', algo: 2 });
  // The worker's write is the process's truth too.
  assert.is(cudnn.benchmark, false);
  assert.is(cudnn.deterministic, true);
});

test.run();
