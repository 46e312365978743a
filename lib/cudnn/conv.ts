// cuDNN convolutions on DeviceBuffers, with the algorithm chosen under the process's
// deterministic / benchmark flags by native/cudnn/select.cc (the same entry point other addons
// reach through the API table).
import { binding } from '../core/binding';
import * as cuda from '../cuda/devices';
import {
  ALGORITHM_NAMES,
  MATH_TYPES,
  checkAlgo,
  checkDirection,
  normalizeConvolution,
  type ConvolutionConfig,
  type ConvolutionDirection,
  type MathTypeName,
  type NativeConvKey,
  type NormalizedConvolution,
} from './config';
import { DeviceBuffer } from '../cuda/device-buffer';
import { codedError, invalidArgType } from '../core/errors';
import { libraryRecord } from '../doctor/libraries';
import { readOptions } from '../core/read';

export type AlgorithmSource = 'default' | 'heuristic' | 'benchmark' | 'cache';

export interface AlgorithmChoice {
  algo: number;
  name: string;
  /** For 'default', true by construction; otherwise what cuDNN's perf result claims. */
  deterministic: boolean;
  workspaceBytes: number;
  mathType: MathTypeName;
  source: AlgorithmSource;
}

export interface ConvolutionResult extends Omit<AlgorithmChoice, 'source'> {
  /** 'explicit' when the call named its algorithm. */
  source: AlgorithmSource | 'explicit';
}

export interface ConvolutionOptions {
  /** An algorithm id or name for this direction; default: selected under the process's flags. */
  algo?: number | string;
}

export interface NativeChoice {
  algo: number;
  deterministic: boolean;
  workspaceBytes: number;
  mathType: number;
  source: string;
}

interface ConvNative {
  cudnnSelect(key: NativeConvKey): NativeChoice;
  cudnnConvolve(key: NativeConvKey, x: bigint, w: bigint, y: bigint, algo: number): NativeChoice;
}

const OPTION_KEYS = ['algo'] as const;

function native(): ConvNative {
  return binding<ConvNative>();
}

/** ERR_CUDNN_UNAVAILABLE, saying why and what to install. */
export function cudnnUnavailableError() {
  const r = libraryRecord('cudnn');
  return codedError(
    'Error',
    'ERR_CUDNN_UNAVAILABLE',
    `cuDNN is not available: ${r.error ?? 'not loaded'}. Install it (pip install nvidia-cudnn-cu13, or cuDNN 9 from NVIDIA) ` +
      'or point SEED_EVERYTHING_CUDA_PATH at the folder holding libcudnn.so.9. Run `npx seed-everything doctor` for details.',
    { attempts: r.attempts },
  );
}

/**
 * cuDNN first: for a cuDNN call its absence is the actionable fact even where CUDA is missing
 * too. With cuDNN present, a missing driver or device is ERR_CUDA_UNAVAILABLE.
 */
function requireCudnnDevice(device: number): void {
  if (!libraryRecord('cudnn').loaded) throw cudnnUnavailableError();
  cuda.requireDevice(device);
}

export function toChoice(direction: ConvolutionDirection, c: NativeChoice): AlgorithmChoice {
  return {
    algo: c.algo,
    name: ALGORITHM_NAMES[direction][c.algo] ?? `ALGO_${c.algo}`,
    deterministic: c.deterministic,
    workspaceBytes: c.workspaceBytes,
    mathType: MATH_TYPES[c.mathType] ?? 'default',
    source: c.source as AlgorithmSource,
  };
}

/**
 * The algorithm the current flags give for this convolution: deterministic && !benchmark → the
 * fixed deterministic default; benchmark → the fastest measured (deterministic ones only when
 * deterministic), cached per process; neither → cuDNN's heuristics, first that fits.
 */
export function selectConvolutionAlgorithm(direction: ConvolutionDirection, config: ConvolutionConfig): AlgorithmChoice {
  const d = checkDirection(direction);
  const conv = normalizeConvolution(d, config);
  requireCudnnDevice(conv.key.device);
  return toChoice(d, native().cudnnSelect(conv.key));
}

function checkBuffer(value: unknown, name: string, bytes: number, device: number): bigint {
  const span = DeviceBuffer.span(value);
  if (span === undefined) throw invalidArgType(name, 'a cuda.DeviceBuffer', value);
  if (span.device !== device) {
    throw codedError('RangeError', 'ERR_CUDNN_DEVICE_MISMATCH', `${name} is on device ${span.device}, the convolution on device ${device}`);
  }
  if (span.byteLength < bytes) {
    throw codedError('RangeError', 'ERR_CUDNN_BUFFER_SIZE', `${name} holds ${span.byteLength} bytes; the convolution needs ${bytes}`);
  }
  return span.ptr;
}

function run(
  direction: ConvolutionDirection,
  config: ConvolutionConfig,
  tensors: [unknown, unknown, unknown],
  names: [string, string, string],
  options: ConvolutionOptions | undefined,
): ConvolutionResult {
  const conv: NormalizedConvolution = normalizeConvolution(direction, config);
  const o = readOptions(options, `cudnn.convolution${direction[0].toUpperCase()}${direction.slice(1)}`, OPTION_KEYS);
  const algo = o.algo === undefined ? -1 : checkAlgo(direction, o.algo);
  requireCudnnDevice(conv.key.device);
  // Roles in native order: input-shaped, filter-shaped, output-shaped.
  const sizes = [conv.bytes.input, conv.bytes.filter, conv.bytes.output];
  const ptrs = tensors.map((t, i) => checkBuffer(t, names[i], sizes[i], conv.key.device));
  const c = native().cudnnConvolve(conv.key, ptrs[0], ptrs[1], ptrs[2], algo);
  return toChoice(direction, c) as ConvolutionResult;
}

/** y = conv(x, w). Writes `y` (output-shaped). */
export function convolutionForward(
  config: ConvolutionConfig,
  x: DeviceBuffer,
  w: DeviceBuffer,
  y: DeviceBuffer,
  options?: ConvolutionOptions,
): ConvolutionResult {
  return run('forward', config, [x, w, y], ['x', 'w', 'y'], options);
}

/** dx = the gradient of the input given dy and w. Writes `dx` (input-shaped). */
export function convolutionBackwardData(
  config: ConvolutionConfig,
  dy: DeviceBuffer,
  w: DeviceBuffer,
  dx: DeviceBuffer,
  options?: ConvolutionOptions,
): ConvolutionResult {
  return run('backwardData', config, [dx, w, dy], ['dx', 'w', 'dy'], options);
}

/** dw = the gradient of the filter given x and dy. Writes `dw` (filter-shaped). */
export function convolutionBackwardFilter(
  config: ConvolutionConfig,
  x: DeviceBuffer,
  dy: DeviceBuffer,
  dw: DeviceBuffer,
  options?: ConvolutionOptions,
): ConvolutionResult {
  return run('backwardFilter', config, [x, dw, dy], ['x', 'dw', 'dy'], options);
}
