// cuDNN convolutions on a real GPU against a CPU reference convolution, the selection sources the
// flags give, and verify on a small shape set. Skips loudly without a GPU or cuDNN.
import { test as uvuTest } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cuda, cudnn, DeviceBuffer, type ConvolutionConfig, type ConvolutionDirection } from '../../lib/index';
import { normalizeConvolution } from '../../lib/cudnn/config';
import { fromHalf, toHalf } from '../../lib/cuda/half';
import { seededSigned } from '../../lib/philox/seeded-fill';
import { verifyCudnn } from '../../lib/cudnn/verify';
import { requires } from '../helpers/require';

const onGpu = requires('gpu', cuda.isAvailable(), 'no CUDA device is visible (run on a GPU machine: npm run test:gpu -- cudnn)', uvuTest);
const it = requires('cudnn', cudnn.isAvailable(), 'libcudnn.so.9 cannot be loaded (pip install nvidia-cudnn-cu13)', onGpu);

type Dims = [number, number, number, number];

// Logical NCHW index helpers; NHWC data is converted at the boundary.
function toLayout(v: Float32Array, d: Dims, layout: 'NCHW' | 'NHWC'): Float32Array {
  if (layout === 'NCHW') return v;
  const [n, c, h, w] = d;
  const out = new Float32Array(v.length);
  for (let a = 0; a < n; a++) for (let b = 0; b < c; b++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    out[((a * h + y) * w + x) * c + b] = v[((a * c + b) * h + y) * w + x];
  }
  return out;
}

function fromLayout(v: Float32Array, d: Dims, layout: 'NCHW' | 'NHWC'): Float32Array {
  if (layout === 'NCHW') return v;
  const [n, c, h, w] = d;
  const out = new Float32Array(v.length);
  for (let a = 0; a < n; a++) for (let b = 0; b < c; b++) for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    out[((a * c + b) * h + y) * w + x] = v[((a * h + y) * w + x) * c + b];
  }
  return out;
}

/** One loop over every (n, k, p, q, c, r, s) term of the cross-correlation serves all three directions. */
function reference(direction: ConvolutionDirection, cfg: ConvolutionConfig, x: Float32Array, w: Float32Array, dy: Float32Array): Float64Array {
  const conv = normalizeConvolution(direction, cfg);
  const [N, C, H, W] = conv.key.input;
  const [K, Cg, R, S] = conv.key.filter;
  const [, , P, Q] = conv.output;
  const [ph, pw] = conv.key.padding;
  const [sh, sw] = conv.key.stride;
  const [dh, dw] = conv.key.dilation;
  const kPerGroup = K / conv.key.groups;
  const out = new Float64Array(direction === 'forward' ? N * K * P * Q : direction === 'backwardData' ? N * C * H * W : K * Cg * R * S);
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) for (let p = 0; p < P; p++) for (let q = 0; q < Q; q++) {
    const yi = ((n * K + k) * P + p) * Q + q;
    const g = Math.floor(k / kPerGroup);
    for (let c = 0; c < Cg; c++) for (let r = 0; r < R; r++) for (let s = 0; s < S; s++) {
      const h = p * sh - ph + r * dh;
      const ww = q * sw - pw + s * dw;
      if (h < 0 || h >= H || ww < 0 || ww >= W) continue;
      const xi = ((n * C + g * Cg + c) * H + h) * W + ww;
      const wi = ((k * Cg + c) * R + r) * S + s;
      if (direction === 'forward') out[yi] += x[xi] * w[wi];
      else if (direction === 'backwardData') out[xi] += dy[yi] * w[wi];
      else out[wi] += x[xi] * dy[yi];
    }
  }
  return out;
}

interface Case {
  name: string;
  config: ConvolutionConfig;
}

const cases: Case[] = [
  { name: 'float32 NCHW padding', config: { input: [2, 4, 7, 7], filter: [6, 4, 3, 3], padding: 1, mathType: 'fma' } },
  {
    name: 'float32 NHWC stride dilation groups',
    config: { input: [2, 4, 9, 8], filter: [6, 2, 3, 2], padding: [1, 2], stride: [2, 1], dilation: [1, 2], groups: 2, layout: 'NHWC', mathType: 'fma' },
  },
  { name: 'float16 NHWC', config: { input: [2, 8, 6, 6], filter: [8, 8, 3, 3], padding: 1, dataType: 'float16', layout: 'NHWC' } },
  { name: 'float16 NCHW groups stride', config: { input: [3, 8, 8, 8], filter: [4, 2, 3, 3], groups: 4, stride: 2, dataType: 'float16' } },
];

function run(direction: ConvolutionDirection, cfg: ConvolutionConfig, algo?: number) {
  const conv = normalizeConvolution(direction, cfg);
  const half = conv.elementBytes === 2;
  const layout = cfg.layout ?? 'NCHW';
  const shapes: Dims[] = [conv.key.input as Dims, conv.key.filter as Dims, conv.output];
  // Host values as the device sees them (half-rounded where the data is half).
  const host = shapes.map((d, i) => {
    const v = seededSigned(11n, i << 24, d.reduce((a, b) => a * b, 1)).values;
    return half ? fromHalf(toHalf(v)) : v;
  });
  const bufs = shapes.map((d, i) => {
    const laid = toLayout(host[i], d, layout);
    return DeviceBuffer.from(half ? toHalf(laid) : laid);
  });
  const outIndex = direction === 'forward' ? 2 : direction === 'backwardData' ? 0 : 1;
  bufs[outIndex].zero();
  const options = algo === undefined ? undefined : { algo };
  let choice;
  try {
    if (direction === 'forward') choice = cudnn.convolutionForward(cfg, bufs[0], bufs[1], bufs[2], options);
    else if (direction === 'backwardData') choice = cudnn.convolutionBackwardData(cfg, bufs[2], bufs[1], bufs[0], options);
    else choice = cudnn.convolutionBackwardFilter(cfg, bufs[0], bufs[2], bufs[1], options);
    const raw = half ? fromHalf(bufs[outIndex].copyTo(new Uint16Array(host[outIndex].length))) : bufs[outIndex].copyTo(new Float32Array(host[outIndex].length));
    const got = fromLayout(raw, shapes[outIndex], layout);
    const want = reference(direction, cfg, host[0], host[1], host[2]);
    return { choice, got, want, half };
  } finally {
    for (const b of bufs) b.close();
  }
}

function assertClose(got: Float32Array, want: Float64Array, half: boolean, label: string) {
  const tol = half ? 2e-2 : 1e-3;
  for (let i = 0; i < want.length; i++) {
    if (Math.abs(got[i] - want[i]) > tol * (1 + Math.abs(want[i]))) assert.unreachable(`${label}: element ${i} is ${got[i]}, reference ${want[i]}`);
  }
}

const modes = [
  { deterministic: true, benchmark: false, source: 'default' },
  { deterministic: false, benchmark: false, source: 'heuristic' },
  { deterministic: true, benchmark: true, source: 'benchmark' },
  { deterministic: false, benchmark: true, source: 'benchmark' },
] as const;

for (const c of cases) {
  it(`${c.name}: all three directions match the CPU reference under every flag setting`, () => {
    for (const mode of modes) {
      cudnn.deterministic = mode.deterministic;
      cudnn.benchmark = mode.benchmark;
      cudnn.clearAlgorithmCache();
      for (const direction of ['forward', 'backwardData', 'backwardFilter'] as const) {
        const r = run(direction, c.config);
        assert.is(r.choice.source, mode.source, `${direction} ${JSON.stringify(mode)}`);
        if (mode.deterministic) assert.ok(r.choice.deterministic, `${direction} chose a deterministic algorithm`);
        if (mode.source === 'default') assert.is(r.choice.algo, 1);
        assertClose(r.got, r.want, r.half, `${c.name} ${direction} ${r.choice.name}`);
      }
    }
  });
}

it('every explicitly named algorithm either runs correctly or reports that it cannot', () => {
  const cfg = cases[0].config;
  for (const direction of ['forward', 'backwardData', 'backwardFilter'] as const) {
    cudnn.ALGORITHM_NAMES[direction].forEach((name, algo) => {
      try {
        const r = run(direction, cfg, algo);
        assert.is(r.choice.source, 'explicit');
        assertClose(r.got, r.want, false, `${direction} ${name}`);
      } catch (err) {
        const code = (err as { code: string }).code;
        assert.ok(/^ERR_CUDNN_(NOT_SUPPORTED|BAD_PARAM|WORKSPACE)/.test(code), `${direction} ${name}: ${code} ${(err as Error).message}`);
      }
    });
  }
});

it('selectConvolutionAlgorithm: default, heuristic, benchmark then cache', () => {
  const cfg = cases[0].config;
  cudnn.clearAlgorithmCache();
  cudnn.deterministic = true;
  cudnn.benchmark = false;
  const d = cudnn.selectConvolutionAlgorithm('forward', cfg);
  assert.equal([d.source, d.algo, d.name, d.deterministic], ['default', 1, 'IMPLICIT_PRECOMP_GEMM', true]);
  cudnn.deterministic = false;
  assert.is(cudnn.selectConvolutionAlgorithm('backwardData', cfg).source, 'heuristic');
  cudnn.deterministic = true;
  cudnn.benchmark = true;
  const b = cudnn.selectConvolutionAlgorithm('backwardFilter', cfg);
  assert.is(b.source, 'benchmark');
  assert.ok(b.deterministic);
  const again = cudnn.selectConvolutionAlgorithm('backwardFilter', cfg);
  assert.equal({ ...again, source: 'benchmark' }, b);
  assert.is(again.source, 'cache');
  assert.is(cudnn.algorithmCache().length, 1);
});

it('a workspace limit of 0 in deterministic mode is an error or a zero-workspace deterministic algorithm', () => {
  cudnn.deterministic = true;
  cudnn.benchmark = true;
  cudnn.clearAlgorithmCache();
  try {
    const c = cudnn.selectConvolutionAlgorithm('backwardFilter', { ...cases[0].config, workspaceLimit: 0 });
    assert.is(c.workspaceBytes, 0);
    assert.ok(c.deterministic);
  } catch (err) {
    assert.is((err as { code: string }).code, 'ERR_CUDNN_WORKSPACE');
  }
});

it('verify with 3 repeats on a small shape set: every algorithm cuDNN calls deterministic is reproducible', async () => {
  const report = await verifyCudnn({
    device: 0,
    repeats: 3,
    progress: false,
    shapes: [{ name: 'small', config: { input: [64, 32, 4, 4], filter: [32, 32, 3, 3], padding: 1 } }],
  });
  assert.is(report.results.length, 8 + 6 + 7);
  for (const r of report.results) if (r.status === 'ok') assert.is(r.runs, 3);
  assert.ok(report.results.some((r) => r.status === 'ok'));
  assert.equal(report.failures, [], report.failures.join('\n'));
  assert.ok(report.ok);
});

it.run();
