// Object arguments are read exactly once: every field is copied into a plain object, the copy is
// validated and only the copy is applied. A getter or Proxy therefore cannot show one value to the
// validator and another to the code that applies it, and a typo'd key is refused instead of ignored.
import { codedError, describe, invalidArgType } from '../errors';
import { isRecord, ownEnumerable, unreadable } from './rules';

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
  if (!isRecord(value)) throw invalidArgType(`${owner} ${name}`, 'an object', value);
  let unknown: string | undefined;
  try {
    for (const [key] of ownEnumerable(value, keys)) {
      unknown = key;
      break;
    }
  } catch (cause) {
    throw unreadable(`${owner} ${name}`, cause);
  }
  if (unknown !== undefined) {
    throw codedError('TypeError', 'ERR_UNKNOWN_OPTION', `unknown ${name} key ${describe(unknown)} for ${owner}; its ${name}: ${keys.join(', ') || '(none)'}`, {
      option: unknown,
      known: [...keys],
    });
  }
  for (const key of keys) {
    let field: unknown;
    try {
      field = (value as Record<string, unknown>)[key];
    } catch (cause) {
      throw unreadable(`${owner} ${name}`, cause);
    }
    if (field !== undefined) copy[key] = field;
  }
  return copy;
}
