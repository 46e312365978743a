// isolateRng: the block runs with its own copies of this thread's generators (rng-scope.ts), so
// draws inside never advance the streams outside and draws outside (while an async block awaits)
// are never rewound or repeated. Process-wide parts are put back at the end (process-wide.ts).
import { copyDefaults } from './defaults';
import { codedError, describe } from '../core/errors';
import { copyMathSlot, startDispatch, stopDispatch } from './math-random';
import { journalNativeWrites, onMainThread, readProcessWide, undoScope } from './process-wide';
import { closeScope, currentScope, openScopes, runInScope, type RngScope } from './rng-scope';

function end(scope: RngScope, sync: boolean): void {
  if (scope.closed) return; // a thenable that settles twice
  if (closeScope(scope)) stopDispatch();
  undoScope(scope, sync && onMainThread());
}

/**
 * Runs `fn` with isolated generators; also when `fn` throws or its promise rejects, nothing it drew
 * shows outside. The sync form restores every process-wide part as it was (on the main thread);
 * the async form undoes only the process-wide writes the block made, where no one changed them
 * since, because other code ran while it awaited.
 */
export function isolateRng<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw codedError('TypeError', 'ERR_INVALID_ARG_TYPE', `isolateRng expects a function, received ${describe(fn)}`);
  const scope: RngScope = {
    parent: currentScope(),
    closed: false,
    math: copyMathSlot(),
    defaults: copyDefaults(),
    entry: readProcessWide(),
    journal: new Map(),
  };
  journalNativeWrites();
  if (openScopes().size === 0) startDispatch();
  let result: T;
  try {
    result = runInScope(scope, fn);
  } catch (err) {
    end(scope, true);
    throw err;
  }
  try {
    const then = result !== null && (typeof result === 'object' || typeof result === 'function') ? (result as { then?: unknown }).then : undefined;
    if (typeof then !== 'function') {
      end(scope, true);
      return result;
    }
    return then.call(
      result,
      (value: unknown) => {
        end(scope, false);
        return value;
      },
      (err: unknown) => {
        end(scope, false);
        throw err;
      },
    ) as T;
  } catch (err) {
    end(scope, false);
    throw err;
  }
}
