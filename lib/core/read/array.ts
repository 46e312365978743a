// Arrays and typed arrays read once, as ./options.ts reads objects: `length` once, every element
// once, into a plain array that is then validated and applied. A Proxy or an index getter therefore
// cannot show the validator one element and the code that applies it another. Typed arrays are
// measured through the intrinsic getters, which read internal slots: an own `length` or
// `byteLength` property defined on the instance, or a Proxy posing as one, changes nothing.
import { codedError, invalidArgType, outOfRange } from '../errors';
import { isCount } from '../ints';
import { unreadable, unreadableText } from './rules';

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype) as object;

function intrinsic(proto: object, key: PropertyKey): (this: unknown) => unknown {
  return Object.getOwnPropertyDescriptor(proto, key)?.get as (this: unknown) => unknown;
}

const tagOf = intrinsic(TypedArrayPrototype, Symbol.toStringTag);
const lengthOf = intrinsic(TypedArrayPrototype, 'length');
const byteLengthOf = intrinsic(TypedArrayPrototype, 'byteLength');
const dataViewByteLength = intrinsic(DataView.prototype, 'byteLength');

/** 'Uint8Array', 'Float64Array', … for a real typed array; undefined for anything else, a Proxy included. */
export function typedArrayKind(value: unknown): string | undefined {
  return tagOf.call(value) as string | undefined;
}

/** Element count of a real typed array (0 once its buffer is detached). */
export function typedArrayLength(value: ArrayBufferView): number {
  return lengthOf.call(value) as number;
}

/**
 * Byte length of a real typed array or DataView, from its internal slots; undefined for anything
 * else. A detached DataView throws ERR_DETACHED_BUFFER (a detached typed array measures 0).
 */
export function viewByteLength(value: unknown, name: string): number | undefined {
  if (typedArrayKind(value) !== undefined) return byteLengthOf.call(value) as number;
  if (!ArrayBuffer.isView(value)) return undefined;
  try {
    return dataViewByteLength.call(value) as number;
  } catch {
    throw codedError('TypeError', 'ERR_DETACHED_BUFFER', `${name} is backed by a detached ArrayBuffer`);
  }
}

export interface ReadArrayOptions {
  /** Most elements accepted; a longer array is refused before any element is read. */
  max: number;
  /** Also accept real typed arrays (read through their internal slots) and other array-likes. */
  like?: boolean;
  /** Builds the error instead of the default ERR_INVALID_ARG_TYPE / ERR_OUT_OF_RANGE / ERR_INVALID_ARG_VALUE. */
  fail?: (why: string, cause?: unknown) => Error;
}

/** A plain copy of an array's elements, each read exactly once. */
export function readArray(value: unknown, name: string, options: ReadArrayOptions): unknown[] {
  const { max, fail } = options;
  const like = options.like === true;
  const typed = like && typedArrayKind(value) !== undefined;
  if (like ? value === null || typeof value !== 'object' : !Array.isArray(value)) {
    throw fail ? fail(`${name} must be an array`) : invalidArgType(name, like ? 'an array, typed array or array-like' : 'an array', value);
  }
  let length: unknown;
  try {
    length = typed ? typedArrayLength(value as ArrayBufferView) : (value as unknown[]).length;
  } catch (cause) {
    throw unreadableElement(name, cause, fail);
  }
  if (!isCount(length, max)) {
    throw fail ? fail(`${name} must hold at most ${max} elements`) : outOfRange(`${name}.length`, `an integer in [0, ${max}]`, length);
  }
  const copy = new Array<unknown>(length);
  const source = value as ArrayLike<unknown>;
  for (let i = 0; i < length; i++) {
    try {
      copy[i] = source[i];
    } catch (cause) {
      throw unreadableElement(`${name}[${i}]`, cause, fail);
    }
  }
  return copy;
}

function unreadableElement(name: string, cause: unknown, fail: ReadArrayOptions['fail']): Error {
  return fail ? fail(unreadableText(name, cause), cause) : unreadable(name, cause);
}
