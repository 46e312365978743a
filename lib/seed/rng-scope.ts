// Isolated blocks (isolateRng) hand the code inside them their own copies of this thread's
// generators. The copies are found through AsyncLocalStorage, so other async work that runs while
// a block awaits keeps drawing from the thread's streams: nothing outside is rewound or repeated.
// While no block is open, currentScope() is one comparison and AsyncLocalStorage is never asked.
import type { AsyncLocalStorage } from 'node:async_hooks';
import type { DefaultGenerators } from './defaults';
import type { MathSlot } from './math-random';
import type { ProcessWide } from './process-wide';

export interface RngScope {
  parent: RngScope | undefined;
  /** set when the block ended; async work it left running draws from the enclosing streams */
  closed: boolean;
  math: MathSlot;
  defaults: DefaultGenerators;
  /** the process-wide parts when the block began */
  entry: ProcessWide;
  /** process-wide parts the block wrote, with the value it wrote (process-wide.ts fingerprints) */
  journal: Map<string, string>;
}

let storage: AsyncLocalStorage<RngScope> | undefined;
const open = new Set<RngScope>();

/** The innermost open isolated block the running code is in, or undefined. */
export function currentScope(): RngScope | undefined {
  if (open.size === 0) return undefined;
  let scope = storage?.getStore();
  while (scope !== undefined && scope.closed) scope = scope.parent;
  return scope;
}

export function openScopes(): ReadonlySet<RngScope> {
  return open;
}

/** Runs fn inside `scope` (which counts as open until closeScope). */
export function runInScope<T>(scope: RngScope, fn: () => T): T {
  if (storage === undefined) {
    // Loaded on first use: most programs never isolate and need not pay for it at require time.
    const { AsyncLocalStorage: Storage } = require('node:async_hooks') as typeof import('node:async_hooks');
    storage = new Storage<RngScope>();
  }
  open.add(scope);
  return storage.run(scope, fn);
}

/** Marks the block ended; returns whether it was the last open one. */
export function closeScope(scope: RngScope): boolean {
  scope.closed = true;
  open.delete(scope);
  return open.size === 0;
}
