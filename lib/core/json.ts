// Reports and snapshots hold bigints (seeds, offsets), which JSON.stringify refuses. They get a
// toJSON that writes every bigint as its decimal string — exact for all 64 bits, unlike a number —
// so logs and files can hold them; `BigInt(text)` reads one back.

/** `T` as JSON.stringify writes it after withJson: bigints become decimal strings. */
export type Jsonified<T> = T extends bigint
  ? string
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

function jsonCopy(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(jsonCopy);
  // Only plain objects are walked: anything else (a Date, a typed array) keeps its own JSON form.
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = jsonCopy(v);
    return out;
  }
  return value;
}

/**
 * Gives `obj` a non-enumerable toJSON writing bigints as decimal strings, nested ones included.
 * Returns `obj` itself: its fields, their types and Object.keys are unchanged.
 */
export function withJson<T extends object>(obj: T): T {
  Object.defineProperty(obj, 'toJSON', {
    value(this: T) {
      return jsonCopy({ ...this });
    },
    enumerable: false,
    writable: true,
    configurable: true,
  });
  return obj;
}
