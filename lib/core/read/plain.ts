// Snapshots and the options of seedEverything / seedWorker are data. They are read here once,
// through property descriptors, into plain copies that the validators check and the appliers
// use. A getter or a Proxy anywhere is refused rather than read: it could show the validator one
// value and the code applying it another, and a refusal leaves everything as it was.
import { types } from 'node:util';
import { codedError } from '../errors';
import { readOptions, type ReadOnce } from './options';
import { isAccessor, isRecord, ownEnumerable, notPlainObject } from './rules';

const MAX_DEPTH = 8;
const MAX_LENGTH = 1 << 16;

type Fail = (message: string) => Error;

/**
 * A deep copy of JSON-like data (plain objects with null prototypes, arrays, primitives; typed
 * arrays become arrays). No user code runs while it is made. A function-valued `toJSON` is
 * skipped, so that an object which knows how to serialise itself still reads as its data.
 */
export function plainData(value: unknown, path: string, fail: Fail, depth = 0): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return value;
  if (typeof value === 'function') throw fail(`${path} is a function, not data`);
  if (types.isProxy(value)) throw fail(`${path} is a Proxy; pass plain data (getRngState() output or its JSON)`);
  if (depth >= MAX_DEPTH) throw fail(`${path} is nested more than ${MAX_DEPTH} levels deep`);
  if (ArrayBuffer.isView(value)) {
    if (types.isDataView(value)) throw fail(`${path} is a DataView, not data`);
    try {
      return Array.from(value as unknown as ArrayLike<number>);
    } catch {
      throw fail(`${path} is backed by a detached ArrayBuffer`);
    }
  }
  if (Array.isArray(value)) {
    const n = value.length;
    if (n > MAX_LENGTH) throw fail(`${path} has ${n} elements (at most ${MAX_LENGTH})`);
    const out: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const desc = Object.getOwnPropertyDescriptor(value, i);
      if (desc !== undefined && isAccessor(desc)) throw fail(`${path}[${i}] is a getter; pass plain data`);
      out[i] = desc === undefined ? undefined : plainData(desc.value, `${path}[${i}]`, fail, depth + 1);
    }
    return out;
  }
  const why = notPlainObject(value);
  if (why !== null) throw fail(`${path} ${why}`);
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, desc] of ownEnumerable(value)) {
    if (isAccessor(desc)) throw fail(`${path}.${key} is a getter; pass plain data`);
    if (key === 'toJSON' && typeof desc.value === 'function') continue;
    out[key] = plainData(desc.value, `${path}.${key}`, fail, depth + 1);
  }
  return out;
}

/**
 * `readOptions` for options that must be plain data: a Proxy, an object with a getter among its
 * own keys, or a class instance is refused with ERR_INVALID_ARG_VALUE before anything is read.
 */
export function readPlainOptions<K extends string>(value: unknown, owner: string, keys: readonly K[]): ReadOnce<K> {
  if (isRecord(value)) {
    const refuse = (why: string) => codedError('TypeError', 'ERR_INVALID_ARG_VALUE', `${owner} options ${why}; pass a plain object of values`);
    if (types.isProxy(value)) throw refuse('are a Proxy');
    const why = notPlainObject(value);
    if (why !== null) throw refuse(why);
    // Every own key, symbols and hidden ones too: none may be an accessor.
    for (const key of Reflect.ownKeys(value)) {
      if (isAccessor(Object.getOwnPropertyDescriptor(value, key) as PropertyDescriptor)) throw refuse(`have a getter for ${String(key)}`);
    }
  }
  return readOptions(value, owner, keys);
}
