// Reading caller input once (options objects, plain data, arrays): the rules are in ./rules.ts.
export { readOptions, type ReadOnce } from './options';
export { plainData, readPlainOptions } from './plain';
export { readArray, typedArrayKind, typedArrayLength, viewByteLength } from './array';
