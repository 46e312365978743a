// Integer seeds for TensorFlow.js, derived from the root seed that seedEverything sets.
import { binding } from '../core/binding';
import { deriveSeed } from '../compat/derive';
import { codedError, invalidArgType } from '../core/errors';

interface RootNative {
  getRootSeed(): bigint | null;
}

/**
 * An integer seed in [1, 2^31 − 1] for the tfjs op or layer `name`, derived from the root seed set
 * by seedEverything. Distinct names give independent seeds; 0, which some tfjs ops read as "no
 * seed", never occurs, and tfjs-node's Multinomial (seed2 = seed²) stays within int64.
 */
export function seedFor(name: string): number {
  if (typeof name !== 'string' || name.length === 0) throw invalidArgType('name', 'a non-empty string', name);
  const root = binding<RootNative>().getRootSeed();
  if (root === null) {
    throw codedError('Error', 'ERR_NO_ROOT_SEED', 'tfjs.seedFor() needs a root seed: call seedEverything(seed) first');
  }
  return Number(deriveSeed(root, 'tfjs', name) % 2147483647n) + 1;
}
