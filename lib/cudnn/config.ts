// Convolution configs for cuDNN: validated here, in TypeScript, so that every mistake gets a coded
// error before any library is loaded; the native side only re-checks what would crash it.
import { constants, type ConvolutionDirection } from '../core/constants';
import { checkDevice } from '../cuda/devices';
import { codedError, invalidArgType, outOfRange } from '../core/errors';
import { isCount } from '../core/ints';
import { readOptions, readArray } from '../core/read';

export type ConvolutionDataType = 'float32' | 'float16';
export type ConvolutionLayout = 'NCHW' | 'NHWC';
export type MathTypeName = 'default' | 'tensorOp' | 'tensorOpAllowConversion' | 'fma';

export type { ConvolutionDirection };

export const DIRECTIONS: readonly ConvolutionDirection[] = ['forward', 'backwardData', 'backwardFilter'];

/** cuDNN's algorithm names by id, per direction (CUDNN_CONVOLUTION_{FWD,BWD_DATA,BWD_FILTER}_ALGO_*), deep-frozen. */
export const ALGORITHM_NAMES = constants.cudnn.algorithms;

export const MATH_TYPES: readonly MathTypeName[] = ['default', 'tensorOp', 'tensorOpAllowConversion', 'fma'];

/** 1 GiB: enough for every algorithm on common shapes, small enough to leave room for training. */
export const DEFAULT_WORKSPACE_LIMIT = 2 ** 30;

export interface ConvolutionConfig {
  /** [n, c, h, w], logical order whatever the layout. */
  input: readonly number[];
  /** [k, c / groups, r, s], logical order whatever the layout. */
  filter: readonly number[];
  /** One number for both sides, or [h, w]. Default 0. */
  padding?: number | readonly number[];
  /** Default 1. */
  stride?: number | readonly number[];
  /** Default 1. */
  dilation?: number | readonly number[];
  /** Default 1. */
  groups?: number;
  /** Default 'float32'. float16 data accumulates in float32. */
  dataType?: ConvolutionDataType;
  /** Default 'NCHW'. The filter uses the same layout (KCRS or KRSC). */
  layout?: ConvolutionLayout;
  /** Default 'default'. 'fma' rules out tensor cores (and TF32) for float32. */
  mathType?: MathTypeName;
  /** Default 0. */
  device?: number;
  /** Bytes of workspace an algorithm may use. Default 1 GiB. */
  workspaceLimit?: number;
}

/** What the native side identifies a convolution by (native/cudnn/conv_key.h). */
export interface NativeConvKey {
  direction: number;
  device: number;
  dataType: number;
  layout: number;
  mathType: number;
  groups: number;
  input: number[];
  filter: number[];
  padding: number[];
  stride: number[];
  dilation: number[];
  workspaceLimit: number;
}

/** A config as read and resolved: plain values only, every default filled in. */
export type ResolvedConvolutionConfig = Required<Omit<ConvolutionConfig, 'padding' | 'stride' | 'dilation'>> & {
  padding: number[];
  stride: number[];
  dilation: number[];
};

export interface NormalizedConvolution {
  key: NativeConvKey;
  /** The copy that was validated: what callers that normalize again must pass on. */
  config: ResolvedConvolutionConfig;
  output: [number, number, number, number];
  elementBytes: number;
  /** Bytes of the input-, filter- and output-shaped tensors. */
  bytes: { input: number; filter: number; output: number };
}

const INT32_MAX = 2 ** 31 - 1;

function shapeError(message: string) {
  return codedError('RangeError', 'ERR_CUDNN_CONV_SHAPE', message);
}

/** Shapes and pairs are read up to this many elements, so that a wrong length is told as such. */
const MAX_LIST = 16;

function integer(v: unknown, name: string, min: number, expected: string): number {
  if (typeof v !== 'number') throw invalidArgType(name, expected, v);
  if (!Number.isInteger(v) || v < min || v > INT32_MAX) throw outOfRange(name, expected, v);
  return v;
}

function dims(value: unknown, name: string): number[] {
  const list = readArray(value, name, { max: MAX_LIST });
  if (list.length !== 4) throw outOfRange(name, 'an array of 4 positive integers', value);
  return list.map((v, i) => integer(v, `${name}[${i}]`, 1, 'a positive 32-bit integer'));
}

function pair(value: unknown, name: string, min: number, fallback: number): number[] {
  if (value === undefined) return [fallback, fallback];
  const list = typeof value === 'number' ? [value, value] : readArray(value, name, { max: MAX_LIST });
  if (list.length !== 2) throw invalidArgType(name, `an integer ≥ ${min} or a pair of them`, value);
  return list.map((v, i) => integer(v, `${name}[${i}]`, min, `an integer ≥ ${min}`));
}

function oneOf<T extends string>(value: unknown, name: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string') throw invalidArgType(name, allowed.map((a) => `'${a}'`).join(' | '), value);
  if (!allowed.includes(value as T)) throw outOfRange(name, `one of ${allowed.join(', ')}`, value);
  return value as T;
}

export function checkDirection(direction: unknown): ConvolutionDirection {
  if (typeof direction !== 'string') throw invalidArgType('direction', "'forward' | 'backwardData' | 'backwardFilter'", direction);
  if (!DIRECTIONS.includes(direction as ConvolutionDirection)) {
    throw outOfRange('direction', `one of ${DIRECTIONS.join(', ')}`, direction);
  }
  return direction as ConvolutionDirection;
}

function elements(shape: readonly number[], name: string): number {
  const n = shape.reduce((a, b) => a * b, 1);
  // The legacy 4-D descriptors index with 32-bit integers.
  if (n > INT32_MAX) throw shapeError(`${name} has ${n} elements; cuDNN's 4-D descriptors allow at most ${INT32_MAX}`);
  return n;
}

/** Every key a ConvolutionConfig may hold. */
export const CONFIG_KEYS = ['input', 'filter', 'padding', 'stride', 'dilation', 'groups', 'dataType', 'layout', 'mathType', 'device', 'workspaceLimit'] as const;

/** The config read once (every field and every element), validated and resolved. */
export function normalizeConvolution(direction: ConvolutionDirection, config: unknown): NormalizedConvolution {
  if (config === undefined) throw invalidArgType('config', 'an object', config);
  const c = readOptions(config, 'cuDNN convolution', CONFIG_KEYS, 'config');
  const input = dims(c.input, 'config.input');
  const filter = dims(c.filter, 'config.filter');
  const padding = pair(c.padding, 'config.padding', 0, 0);
  const stride = pair(c.stride, 'config.stride', 1, 1);
  const dilation = pair(c.dilation, 'config.dilation', 1, 1);
  const groups = c.groups === undefined ? 1 : integer(c.groups, 'config.groups', 1, 'a positive integer');
  const dataType = oneOf(c.dataType, 'config.dataType', ['float32', 'float16'] as const, 'float32');
  const layout = oneOf(c.layout, 'config.layout', ['NCHW', 'NHWC'] as const, 'NCHW');
  const mathType = oneOf(c.mathType, 'config.mathType', MATH_TYPES, 'default');
  const device = c.device === undefined ? 0 : checkDevice(c.device, 'config.device');
  let workspaceLimit = DEFAULT_WORKSPACE_LIMIT;
  if (c.workspaceLimit !== undefined) {
    if (typeof c.workspaceLimit !== 'number') throw invalidArgType('config.workspaceLimit', 'a non-negative integer', c.workspaceLimit);
    if (!isCount(c.workspaceLimit)) {
      throw outOfRange('config.workspaceLimit', 'a non-negative safe integer', c.workspaceLimit);
    }
    workspaceLimit = c.workspaceLimit;
  }
  if (input[1] % groups !== 0 || filter[0] % groups !== 0) {
    throw shapeError(`groups (${groups}) must divide the input channels (${input[1]}) and the filter count (${filter[0]})`);
  }
  if (filter[1] * groups !== input[1]) {
    throw shapeError(`filter channels (${filter[1]}) times groups (${groups}) must equal the input channels (${input[1]})`);
  }
  const output: [number, number, number, number] = [input[0], filter[0], 0, 0];
  for (let i = 0; i < 2; i++) {
    const extent = dilation[i] * (filter[2 + i] - 1) + 1;
    const span = input[2 + i] + 2 * padding[i] - extent;
    if (span < 0) {
      throw shapeError(`the dilated filter (${extent}) is larger than the padded input (${input[2 + i] + 2 * padding[i]}) in ${i ? 'width' : 'height'}`);
    }
    output[2 + i] = Math.floor(span / stride[i]) + 1;
  }
  const elementBytes = dataType === 'float16' ? 2 : 4;
  return {
    config: { input, filter, padding, stride, dilation, groups, dataType, layout, mathType, device, workspaceLimit },
    key: {
      direction: DIRECTIONS.indexOf(direction),
      device,
      dataType: dataType === 'float16' ? 2 : 0,
      layout: layout === 'NHWC' ? 1 : 0,
      mathType: MATH_TYPES.indexOf(mathType),
      groups,
      input,
      filter,
      padding,
      stride,
      dilation,
      workspaceLimit,
    },
    output,
    elementBytes,
    bytes: {
      input: elements(input, 'the input') * elementBytes,
      filter: elements(filter, 'the filter') * elementBytes,
      output: elements(output, 'the output') * elementBytes,
    },
  };
}

export function checkAlgo(direction: ConvolutionDirection, algo: unknown): number {
  const names = ALGORITHM_NAMES[direction];
  if (typeof algo === 'string') {
    const id = names.indexOf(algo.toUpperCase());
    if (id < 0) throw outOfRange('algo', `one of ${names.join(', ')} for ${direction}`, algo);
    return id;
  }
  if (typeof algo !== 'number') throw invalidArgType('algo', 'an algorithm id or name', algo);
  if (!Number.isInteger(algo) || algo < 0 || algo >= names.length) {
    throw outOfRange('algo', `an integer in [0, ${names.length}) for ${direction}`, algo);
  }
  return algo;
}
