// The facts TypeScript and C++ both need, written once in native/constants.json (C++ gets a header
// generated from it at build time). Sources: cuDNN's cudnn_cnn.h enums (cudnnConvolution{Fwd,
// BwdData,BwdFilter}Algo_t, in enum order) and its determinism notes; docs/constants.md.
// The require path holds from lib/core/ and dist/core/; the bundled dist/index.js inlines the file.
const table = require('../../native/constants.json') as Constants;

export type ConvolutionDirection = 'forward' | 'backwardData' | 'backwardFilter';

export interface Constants {
  cudnn: {
    /** Names by id (CUDNN_CONVOLUTION_{FWD,BWD_DATA,BWD_FILTER}_ALGO_<name>). */
    algorithms: Readonly<Record<ConvolutionDirection, readonly string[]>>;
    /** The ids cuDNN documents as deterministic; the others accumulate with atomics or are not implemented. */
    deterministic: Readonly<Record<ConvolutionDirection, readonly number[]>>;
  };
  /** Devices the process-wide state has slots for: ids in [0, maxDevices). */
  maxDevices: number;
  /** Output kinds of the Philox and cuRAND draws. */
  outputKinds: readonly string[];
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

export const constants: Readonly<Constants> = deepFreeze(table);
