// Object arguments are read exactly once: every field is copied into a plain object, the copy is
// validated and only the copy is applied. A getter or Proxy therefore cannot show one value to the
// validator and another to the code that applies it, and a typo'd key is refused instead of ignored.
import { codedError, describe, invalidArgType } from './errors';

export type ReadOnce<K extends string> = { [P in K]?: unknown };

/**
 * A null-prototype copy of `value`'s `keys`, each read once. `undefined` gives `{}`. Any own
 * enumerable key not in `keys` throws `ERR_UNKNOWN_OPTION` naming `owner`'s options; a value that
 * is not a plain object throws `ERR_INVALID_ARG_TYPE`; a getter or trap that throws surfaces as
 * `ERR_INVALID_ARG_VALUE` with the original error as `cause`.
 */
export function readOptions<K extends string>(value: unknown, owner: string, keys: readonly K[], name = 'options'): ReadOnce<K> {
  const copy = Object.create(null) as ReadOnce<K>;
  if (value === undefined) return copy;
  if (value === null || typeof value !== 'object' || Array.isArray(value) || ArrayBuffer.isView(value)) {
    throw invalidArgType(`${owner} ${name}`, 'an object', value);
  }
  let own: (string | symbol)[];
  try {
    own = Reflect.ownKeys(value);
  } catch (cause) {
    throw unreadable(owner, name, cause);
  }
  for (const key of own) {
    if (typeof key !== 'string') continue;
    if (!(keys as readonly string[]).includes(key)) {
      let enumerable = true;
      try {
        enumerable = Object.getOwnPropertyDescriptor(value, key)?.enumerable ?? false;
      } catch (cause) {
        throw unreadable(owner, name, cause);
      }
      if (!enumerable) continue;
      throw codedError('TypeError', 'ERR_UNKNOWN_OPTION', `unknown ${name} key ${describe(key)} for ${owner}; its ${name}: ${keys.join(', ') || '(none)'}`, {
        option: key,
        known: [...keys],
      });
    }
  }
  for (const key of keys) {
    let field: unknown;
    try {
      field = (value as Record<string, unknown>)[key];
    } catch (cause) {
      throw unreadable(owner, name, cause);
    }
    if (field !== undefined) copy[key] = field;
  }
  return copy;
}

function unreadable(owner: string, name: string, cause: unknown) {
  return codedError('TypeError', 'ERR_INVALID_ARG_VALUE', `${owner} ${name} could not be read: ${messageOf(cause)}`, { cause });
}

// What was thrown may itself be hostile (a getter on `message`, a Proxy): never let reading it escape.
function messageOf(cause: unknown): string {
  try {
    const m = (cause as { message?: unknown })?.message;
    return typeof m === 'string' ? m : String(cause);
  } catch {
    return 'the getter threw an unreadable value';
  }
}

/** A boolean option, or `fallback` when absent. */
export function booleanOption(copy: Record<string, unknown>, key: string, owner: string, fallback: boolean): boolean {
  const v = copy[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw invalidArgType(`${owner} options.${key}`, 'a boolean', v);
  return v;
}
