// The GPU side of `verify`: every algorithm of every direction, K runs each, outputs hashed bit
// for bit. Needs a device and cuDNN (cli/verify.ts checks first).
import { constants } from '../core/constants';
import { createHash } from 'node:crypto';
import { binding } from '../core/binding';
import { ALGORITHM_NAMES, DIRECTIONS, normalizeConvolution, type ConvolutionConfig, type ConvolutionDirection, type NativeConvKey } from './config';
import { DeviceBuffer } from '../cuda/device-buffer';
import { toHalf } from '../cuda/half';
import { seededSigned, type FillSource } from '../philox/seeded-fill';
import type { AlgorithmClaim, VerifyResult, VerifyShape } from './verify';

interface PerfEntry {
  algo: number;
  status: number;
  statusName: string;
  time: number;
  memory: number;
  determinism: number;
}

interface VerifyNative {
  cudnnConvolve(key: NativeConvKey, x: bigint, w: bigint, y: bigint, algo: number): unknown;
  cudnnPerfResults(key: NativeConvKey, x: bigint, w: bigint, y: bigint, mode: 'heuristic' | 'benchmark'): PerfEntry[];
}

const SEED = 0x5eedn;

// cuDNN's documentation (native/constants.json): the others accumulate with atomics or are not implemented.
function documentedDeterministic(direction: ConvolutionDirection, algo: number): boolean {
  return constants.cudnn.deterministic[direction].includes(algo);
}

function filled(bytes: number, half: boolean, offset: number, device: number): { buf: DeviceBuffer; source: FillSource } {
  const n = bytes / (half ? 2 : 4);
  const { values, source } = seededSigned(SEED, offset, n);
  return { buf: DeviceBuffer.from(half ? toHalf(values) : values, { device }), source };
}

function classify(err: { code?: string; message?: string }): Pick<VerifyResult, 'status' | 'detail'> {
  const code = err.code ?? '';
  if (code === 'ERR_CUDNN_WORKSPACE' || code === 'ERR_CUDA_MEMORY_ALLOCATION') return { status: 'workspace too large', detail: err.message ?? code };
  if (code.startsWith('ERR_CUDNN_NOT_SUPPORTED') || code.startsWith('ERR_CUDNN_BAD_PARAM')) return { status: 'not supported', detail: code };
  return { status: 'error', detail: `${code}: ${err.message}` };
}

export interface ShapeRun {
  results: VerifyResult[];
  fill: FillSource;
}

export function runShape(shape: VerifyShape, device: number, repeats: number, onStep: (label: string) => void): ShapeRun {
  const config: ConvolutionConfig = { ...shape.config, device };
  const base = normalizeConvolution('forward', config);
  const half = base.elementBytes === 2;
  const x = filled(base.bytes.input, half, 0, device);
  const w = filled(base.bytes.filter, half, 1 << 28, device);
  const dy = filled(base.bytes.output, half, 2 << 28, device);
  const outs = [new DeviceBuffer(base.bytes.output, { device }), new DeviceBuffer(base.bytes.input, { device }), new DeviceBuffer(base.bytes.filter, { device })];
  const results: VerifyResult[] = [];
  const native = binding<VerifyNative>();
  try {
    DIRECTIONS.forEach((direction, di) => {
      const { key } = normalizeConvolution(direction, config);
      const out = outs[di];
      // Native order: input-shaped, filter-shaped, output-shaped.
      const ptrs: [bigint, bigint, bigint] =
        direction === 'forward' ? [x.buf.ptr, w.buf.ptr, out.ptr] : direction === 'backwardData' ? [out.ptr, w.buf.ptr, dy.buf.ptr] : [x.buf.ptr, out.ptr, dy.buf.ptr];
      let claims: PerfEntry[] = [];
      let claimsError: string | null = null;
      try {
        claims = native.cudnnPerfResults(key, ...ptrs, 'benchmark');
      } catch (err) {
        claimsError = (err as Error).message;
      }
      ALGORITHM_NAMES[direction].forEach((name, algo) => {
        onStep(`${shape.name} ${direction} ${name}`);
        const perf = claims.find((p) => p.algo === algo && p.status === 0);
        const claimed: AlgorithmClaim = perf ? (perf.determinism === 1 ? 'deterministic' : 'non-deterministic') : 'unknown';
        const r: VerifyResult = {
          shape: shape.name,
          direction,
          algo,
          name,
          status: 'ok',
          runs: 0,
          distinct: 0,
          claimed,
          documentedDeterministic: documentedDeterministic(direction, algo),
          reproducible: null,
          timeMs: null,
          findTimeMs: perf ? perf.time : null,
          workspaceBytes: perf ? perf.memory : null,
          hashes: [],
          detail: claimsError,
        };
        const hashes = new Set<string>();
        const times: number[] = [];
        const host = new Uint8Array(out.byteLength);
        for (let i = 0; i < repeats; i++) {
          out.zero();
          const t0 = process.hrtime.bigint();
          try {
            native.cudnnConvolve(key, ...ptrs, algo);
          } catch (err) {
            Object.assign(r, classify(err as { code?: string; message?: string }));
            break;
          }
          times.push(Number(process.hrtime.bigint() - t0) / 1e6);
          out.copyTo(host);
          hashes.add(createHash('sha256').update(host).digest('hex'));
          r.runs++;
        }
        if (r.runs > 0) {
          r.distinct = hashes.size;
          r.hashes = [...hashes].map((h) => h.slice(0, 16));
          r.reproducible = hashes.size === 1;
          times.sort((a, b) => a - b);
          r.timeMs = times[times.length >> 1];
        }
        results.push(r);
      });
    });
  } finally {
    for (const b of [x.buf, w.buf, dy.buf, ...outs]) b.close();
  }
  return { results, fill: x.source };
}
