// The rules every reader of caller input in lib/core/read/ follows, each written once: what an
// options object is, which own keys are data, what counts as plain data, and the one error for a
// value whose reading threw.
import { codedError, describe } from '../errors';

/** An object that options may be: not null, not an array, not a typed array or DataView. */
export function isRecord(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

export function isAccessor(desc: PropertyDescriptor): boolean {
  return 'get' in desc || 'set' in desc;
}

/** "must be a plain object, received …" for an object of a class (its keys are not looked at), or null. */
export function notPlainObject(value: object): string | null {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null ? null : `must be a plain object, received ${describe(value)}`;
}

/**
 * The own enumerable string keys of `value` with their descriptors, in key order; keys in `skip`
 * are passed over without their descriptor being asked for (a Proxy's trap is not run for them).
 */
export function* ownEnumerable(value: object, skip: readonly string[] = []): Generator<[string, PropertyDescriptor]> {
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key !== 'string' || skip.includes(key)) continue;
    const desc = Object.getOwnPropertyDescriptor(value, key);
    if (desc?.enumerable) yield [key, desc];
  }
}

/** "<what> could not be read: <why>", the text of every error for a getter or trap that threw. */
export function unreadableText(what: string, cause: unknown): string {
  return `${what} could not be read: ${messageOf(cause)}`;
}

/** ERR_INVALID_ARG_VALUE for a value whose getter or Proxy trap threw; `cause` is what it threw. */
export function unreadable(what: string, cause: unknown) {
  return codedError('TypeError', 'ERR_INVALID_ARG_VALUE', unreadableText(what, cause), { cause });
}

// What was thrown may itself be hostile (a getter on `message`, a Proxy): reading it never escapes.
function messageOf(cause: unknown): string {
  try {
    const m = (cause as { message?: unknown } | null | undefined)?.message;
    return typeof m === 'string' ? m : String(cause);
  } catch {
    return 'an unreadable error';
  }
}
