// Without cuDNN (this CI machine has none): coded errors that say what to install, flags that still
// work, config validation before anything is loaded, and the verify CLI's exit code 2.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cudnn } from '../../lib/index';
import { normalizeConvolution } from '../../lib/cudnn/config';
import { runChild } from '../helpers/child';

const haveCudnn = cudnn.isAvailable();
const config = { input: [2, 4, 8, 8], filter: [6, 4, 3, 3], padding: 1 };

function error(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string };
  }
  return { code: 'no error', message: '' };
}

test('flags can be set and are reported without cuDNN', () => {
  cudnn.deterministic = true;
  cudnn.benchmark = false;
  assert.is(cudnn.deterministic, true);
  assert.is(cudnn.benchmark, false);
  cudnn.benchmark = true;
  assert.is(cudnn.benchmark, true);
  assert.is(error(() => ((cudnn as { deterministic: unknown }).deterministic = 'yes')).code, 'ERR_INVALID_ARG_TYPE');
});

if (!haveCudnn) {
  test('selection and every convolution throw ERR_CUDNN_UNAVAILABLE naming what to install', () => {
    const calls = [
      () => cudnn.selectConvolutionAlgorithm('forward', config),
      () => cudnn.convolutionForward(config, null as never, null as never, null as never),
      () => cudnn.convolutionBackwardData(config, null as never, null as never, null as never),
      () => cudnn.convolutionBackwardFilter(config, null as never, null as never, null as never, { algo: 'ALGO_1' }),
    ];
    for (const call of calls) {
      const e = error(call);
      assert.is(e.code, 'ERR_CUDNN_UNAVAILABLE');
      assert.match(e.message, 'nvidia-cudnn-cu13');
      assert.match(e.message, 'SEED_EVERYTHING_CUDA_PATH');
    }
    assert.is(cudnn.version(), null);
  });
}

test('configs are validated, with coded errors, before availability is checked', () => {
  const bad: [unknown, string][] = [
    [null, 'ERR_INVALID_ARG_TYPE'],
    [{ ...config, input: [2, 4, 8] }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, input: 'x' }, 'ERR_INVALID_ARG_TYPE'],
    [{ ...config, filter: [6, 4, 0, 3] }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, filter: [6, 4, 3.5, 3] }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, padding: -1 }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, padding: [1, 2, 3] }, 'ERR_INVALID_ARG_TYPE'],
    [{ ...config, stride: 0 }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, dilation: [1, 0] }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, groups: 0 }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, groups: 3 }, 'ERR_CUDNN_CONV_SHAPE'],
    [{ ...config, filter: [6, 2, 3, 3] }, 'ERR_CUDNN_CONV_SHAPE'],
    [{ ...config, filter: [6, 4, 11, 3] }, 'ERR_CUDNN_CONV_SHAPE'],
    [{ ...config, dilation: 5 }, 'ERR_CUDNN_CONV_SHAPE'],
    [{ ...config, input: [65536, 65536, 1, 1], filter: [6, 65536, 1, 1] }, 'ERR_CUDNN_CONV_SHAPE'],
    [{ ...config, dataType: 'float64' }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, layout: 'CHWN' }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, mathType: 3 }, 'ERR_INVALID_ARG_TYPE'],
    [{ ...config, device: -1 }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, workspaceLimit: -1 }, 'ERR_OUT_OF_RANGE'],
    [{ ...config, workspaceLimit: 1n }, 'ERR_INVALID_ARG_TYPE'],
  ];
  for (const [c, code] of bad) {
    assert.is(error(() => cudnn.selectConvolutionAlgorithm('forward', c as never)).code, code, JSON.stringify(c, (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));
  }
  assert.is(error(() => cudnn.selectConvolutionAlgorithm('sideways' as never, config)).code, 'ERR_OUT_OF_RANGE');
  assert.is(error(() => cudnn.selectConvolutionAlgorithm(1 as never, config)).code, 'ERR_INVALID_ARG_TYPE');
  assert.is(error(() => cudnn.convolutionForward(config, null as never, null as never, null as never, { algo: 8 })).code, 'ERR_OUT_OF_RANGE');
  assert.is(error(() => cudnn.convolutionBackwardData(config, null as never, null as never, null as never, { algo: 'ALGO_3' })).code, 'ERR_OUT_OF_RANGE');
  assert.is(error(() => cudnn.convolutionBackwardFilter(config, null as never, null as never, null as never, { algo: 'ALGO_3' })).code, haveCudnn ? 'ERR_INVALID_ARG_TYPE' : 'ERR_CUDNN_UNAVAILABLE');
});

test('output geometry, byte sizes and the native key follow the config', () => {
  const n = normalizeConvolution('backwardFilter', {
    input: [3, 8, 17, 16],
    filter: [4, 2, 3, 2],
    padding: [2, 0],
    stride: [2, 3],
    dilation: [2, 1],
    groups: 4,
    dataType: 'float16',
    layout: 'NHWC',
    mathType: 'fma',
    workspaceLimit: 0,
  });
  // h: (17 + 4 - 5) / 2 + 1 = 9; w: (16 - 2) / 3 + 1 = 5
  assert.equal(n.output, [3, 4, 9, 5]);
  assert.equal(n.bytes, { input: 3 * 8 * 17 * 16 * 2, filter: 4 * 2 * 3 * 2 * 2, output: 3 * 4 * 9 * 5 * 2 });
  assert.equal(n.key, {
    direction: 2,
    device: 0,
    dataType: 2,
    layout: 1,
    mathType: 3,
    groups: 4,
    input: [3, 8, 17, 16],
    filter: [4, 2, 3, 2],
    padding: [2, 0],
    stride: [2, 3],
    dilation: [2, 1],
    workspaceLimit: 0,
  });
  assert.is(normalizeConvolution('forward', config).key.workspaceLimit, cudnn.DEFAULT_WORKSPACE_LIMIT);
});

test('algorithm names per direction', () => {
  assert.is(cudnn.ALGORITHM_NAMES.forward.length, 8);
  assert.is(cudnn.ALGORITHM_NAMES.forward[1], 'IMPLICIT_PRECOMP_GEMM');
  assert.equal(cudnn.ALGORITHM_NAMES.backwardData, ['ALGO_0', 'ALGO_1', 'FFT', 'FFT_TILING', 'WINOGRAD', 'WINOGRAD_NONFUSED']);
  assert.equal(cudnn.ALGORITHM_NAMES.backwardFilter, ['ALGO_0', 'ALGO_1', 'FFT', 'ALGO_3', 'WINOGRAD', 'WINOGRAD_NONFUSED', 'FFT_TILING']);
});

if (!haveCudnn) {
  test('verify exits 2 with what to install; --json says so machine-readably', () => {
    const plain = runChild(`require('./lib/cli/verify').runVerifyCli(['--repeats', '3']).then((c) => { process.exitCode = c; });`);
    assert.is(plain.status, 2);
    assert.match(plain.stderr, 'cannot run here');
    assert.match(plain.stderr, 'pip install nvidia-cudnn-cu13');
    const json = runChild(`require('./lib/cli/verify').runVerifyCli(['--json', '--device', '0']).then((c) => { process.exitCode = c; });`);
    assert.is(json.status, 2);
    const report = JSON.parse(json.stdout) as { schema: number; ok: boolean; error: string };
    assert.is(report.schema, 1);
    assert.is(report.ok, false);
    assert.match(report.error, 'nvidia-cudnn-cu13');
  });
}

test('verify rejects bad arguments with exit code 64', () => {
  for (const args of [['--repeats', '1'], ['--repeats', 'x'], ['--device'], ['--fast']]) {
    const r = runChild(`require('./lib/cli/verify').runVerifyCli(${JSON.stringify(args)}).then((c) => { process.exitCode = c; });`);
    assert.is(r.status, 64, args.join(' '));
    assert.match(r.stderr, 'seed-everything verify:');
  }
});

test.run();
