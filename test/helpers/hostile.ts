// Hostile accessor inputs: deep copies of a valid input in which one property is a getter (one
// value on the first read, another after; or one that throws), or in which every object and
// array is a Proxy that counts the reads of each property. What a read-once function must do with
// them is checked by test/core/hostile-inputs.test.ts.

export type Path = (string | number)[];

/** Thrown by the getters below; a function under test must turn it into a coded error. */
export class GetterError extends Error {}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object' && !ArrayBuffer.isView(value);
}

/** A deep copy of plain objects and arrays; typed arrays, bigints and the rest are shared. */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(deepCopy) as T;
  if (isContainer(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, deepCopy(v)])) as T;
  return value;
}

/** `value` at `path`. */
export function at(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value);
}

export function label(path: Path): string {
  return path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('') || '(root)';
}

/** A deep copy of `value` whose property at `path` is an enumerable getter running `get(readCount)`. */
export function withGetter(value: unknown, path: Path, get: (reads: number) => unknown): { value: unknown; reads(): number } {
  const copy = deepCopy(value);
  const parent = at(copy, path.slice(0, -1)) as object;
  let reads = 0;
  Object.defineProperty(parent, path[path.length - 1], {
    get: () => get(++reads),
    enumerable: true,
    configurable: true,
  });
  return { value: copy, reads: () => reads };
}

/** One value on the first read, another on every read after. */
export function flipping(value: unknown, path: Path, first: unknown, later: unknown) {
  return withGetter(value, path, (n) => (n === 1 ? first : later));
}

export function throwing(value: unknown, path: Path) {
  return withGetter(value, path, () => {
    throw new GetterError(`getter at ${label(path)}`);
  });
}

/**
 * A deep copy in which every plain object and array is a Proxy counting `get` per property path
 * (symbols included, so a spread or an iterator shows up too).
 */
export function counting(value: unknown): { value: unknown; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const wrap = (v: unknown, path: Path): unknown => {
    if (!isContainer(v)) return v;
    const target = Array.isArray(v) ? v.map((x, i) => wrap(x, [...path, i])) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wrap(x, [...path, k])]));
    return new Proxy(target, {
      get(t, key, receiver) {
        const name = label([...path, typeof key === 'symbol' ? key.toString() : /^\d+$/.test(key) ? Number(key) : key]);
        reads.set(name, (reads.get(name) ?? 0) + 1);
        return Reflect.get(t, key, receiver);
      },
    });
  };
  return { value: wrap(value, []), reads };
}

/** Every property path under `value` that holds a value (not the containers themselves). */
export function leafPaths(value: unknown, path: Path = []): Path[] {
  if (!isContainer(value)) return [path];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return keys.flatMap((k) => leafPaths((value as Record<string, unknown>)[k], [...path, k]));
}
