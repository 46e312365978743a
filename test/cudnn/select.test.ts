// The selection rules (native/cudnn/select.cc) over perf results given as arrays.
//
// These perf results are constructed by hand to exercise each rule; no GPU was available to
// record real ones. Their shape (algo, status, time, memory, determinism, mathType) is that of
// cuDNN's cudnnConvolution*AlgoPerf_t; status 0 is CUDNN_STATUS_SUCCESS and any other value
// stands for a failure.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { selectFromPerf, type AlgoPerf } from '../../lib/cudnn/select';
import { codeOf } from '../helpers/errors';

const DET = { deterministic: true, benchmark: false };
const BENCH = { deterministic: false, benchmark: true };
const DET_BENCH = { deterministic: true, benchmark: true };
const HEUR = { deterministic: false, benchmark: false };
const NOT_SUPPORTED = 9;

function perf(algo: number, time: number, determinism: 0 | 1, memory = 0, status = 0, mathType = 0): AlgoPerf {
  return { algo, status, time, memory, determinism, mathType };
}


test('deterministic && !benchmark: the fixed defaults (IMPLICIT_PRECOMP_GEMM, ALGO_1, ALGO_1) with source default', () => {
  for (const [direction, name] of [['forward', 'IMPLICIT_PRECOMP_GEMM'], ['backwardData', 'ALGO_1'], ['backwardFilter', 'ALGO_1']] as const) {
    // A faster non-default entry is present and ignored: the default needs no measurement.
    const c = selectFromPerf(direction, DET, [perf(0, 0.1, 1), perf(1, -1, 1, 4096)], 1 << 20);
    assert.equal(c, { algo: 1, name, deterministic: true, workspaceBytes: 4096, mathType: 'default', source: 'default' });
  }
});

test('default mode: an unsupported default is ERR_CUDNN_NOT_SUPPORTED, a too-big one ERR_CUDNN_WORKSPACE, never another algorithm', () => {
  assert.is(codeOf(() => selectFromPerf('forward', DET, [perf(1, -1, 1, 0, NOT_SUPPORTED), perf(0, -1, 1)], 1 << 20)), 'ERR_CUDNN_NOT_SUPPORTED');
  assert.is(codeOf(() => selectFromPerf('forward', DET, [perf(1, -1, 1, 2048), perf(0, -1, 1, 0)], 1024)), 'ERR_CUDNN_WORKSPACE');
  assert.is(codeOf(() => selectFromPerf('backwardFilter', DET, [], 1024)), 'ERR_CUDNN_NOT_SUPPORTED');
});

test('benchmark: failed entries are dropped and the fastest wins', () => {
  const list = [perf(6, 0.1, 1, 0, NOT_SUPPORTED), perf(2, 0.9, 1), perf(0, 0.5, 0), perf(4, 0.7, 1)];
  const c = selectFromPerf('forward', BENCH, list, 1 << 30);
  assert.is(c.algo, 0);
  assert.is(c.name, 'IMPLICIT_GEMM');
  assert.is(c.source, 'benchmark');
  assert.is(c.deterministic, false);
});

test('deterministic benchmark: only determinism == DETERMINISTIC entries compete', () => {
  const list = [perf(0, 0.2, 0), perf(3, 0.3, 0), perf(1, 0.8, 1), perf(5, 0.6, 1)];
  const c = selectFromPerf('backwardFilter', DET_BENCH, list, 1 << 30);
  assert.is(c.algo, 5);
  assert.is(c.name, 'WINOGRAD_NONFUSED');
  assert.is(c.deterministic, true);
});

test('benchmark ties: equal times go to the lowest id, whatever order cuDNN listed them in', () => {
  const a = [perf(5, 0.25, 1), perf(2, 0.25, 1), perf(7, 0.25, 1), perf(1, 0.5, 1)];
  for (let rot = 0; rot < a.length; rot++) {
    const list = [...a.slice(rot), ...a.slice(0, rot)];
    assert.is(selectFromPerf('forward', DET_BENCH, list, 1 << 30).algo, 2, `rotation ${rot}`);
    assert.is(selectFromPerf('forward', BENCH, list, 1 << 30).algo, 2, `rotation ${rot}`);
  }
  // Not a tie: a measurably faster algorithm with a higher id wins.
  assert.is(selectFromPerf('forward', DET_BENCH, [perf(1, 0.2500001, 1), perf(6, 0.25, 1)], 1 << 30).algo, 6);
});

test('deterministic benchmark: workspace exhaustion is ERR_CUDNN_WORKSPACE even when a non-deterministic algorithm would fit', () => {
  const list = [perf(0, 0.1, 0, 0), perf(3, 0.1, 0, 0), perf(1, 0.5, 1, 8192), perf(2, 0.4, 1, 4096)];
  assert.is(codeOf(() => selectFromPerf('backwardFilter', DET_BENCH, list, 1024)), 'ERR_CUDNN_WORKSPACE');
  assert.is(selectFromPerf('backwardFilter', BENCH, list, 1024).algo, 0);
  // Within the limit the fitting deterministic one is chosen over a faster one that does not fit.
  assert.is(selectFromPerf('backwardFilter', DET_BENCH, list, 4096).algo, 2);
});

test('benchmark with nothing supported is ERR_CUDNN_NOT_SUPPORTED', () => {
  assert.is(codeOf(() => selectFromPerf('backwardData', BENCH, [perf(0, 1, 0, 0, NOT_SUPPORTED)], 1 << 30)), 'ERR_CUDNN_NOT_SUPPORTED');
  assert.is(codeOf(() => selectFromPerf('backwardData', DET_BENCH, [perf(0, 1, 0)], 1 << 30)), 'ERR_CUDNN_NOT_SUPPORTED');
});

test('heuristic: the first successful entry that fits, in the list order (no sorting by time or id)', () => {
  const list = [perf(7, -1, 1, 0, NOT_SUPPORTED), perf(6, -1, 1, 1 << 20), perf(2, -1, 0, 512), perf(0, -1, 1, 0)];
  const c = selectFromPerf('forward', HEUR, list, 1024);
  assert.equal(c, { algo: 2, name: 'GEMM', deterministic: false, workspaceBytes: 512, mathType: 'default', source: 'heuristic' });
  assert.is(selectFromPerf('forward', HEUR, list, 1 << 20).algo, 6);
  assert.is(codeOf(() => selectFromPerf('forward', HEUR, list.slice(0, 2), 1024)), 'ERR_CUDNN_WORKSPACE');
  assert.is(codeOf(() => selectFromPerf('forward', HEUR, list.slice(0, 1), 1024)), 'ERR_CUDNN_NOT_SUPPORTED');
});

test("the chosen entry's math type is reported", () => {
  const c = selectFromPerf('forward', BENCH, [perf(1, 0.1, 1, 0, 0, 1)], 1 << 30);
  assert.is(c.mathType, 'tensorOp');
});

test('malformed perf input is rejected with coded errors', () => {
  assert.is(codeOf(() => selectFromPerf('forward', BENCH, 'x' as never, 0)), 'ERR_INVALID_ARG_TYPE');
  assert.is(codeOf(() => selectFromPerf('forward', BENCH, Array.from({ length: 9 }, (_, i) => perf(i, 1, 1)), 0)), 'ERR_OUT_OF_RANGE');
  assert.is(codeOf(() => selectFromPerf('sideways' as never, BENCH, [], 0)), 'ERR_OUT_OF_RANGE');
  assert.is(codeOf(() => selectFromPerf('forward', { deterministic: 1 } as never, [], 0)), 'ERR_INVALID_ARG_TYPE');
});

test.run();
