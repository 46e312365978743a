// The package's own default generators, reseeded by seedEverything: each is seeded the way its
// original library would be by the same seed (random.seed(s), numpy.random.seed(s),
// torch.manual_seed(s)), so code ported from Python draws the same numbers.
import { NumpyRandomState } from './compat/numpy-random-state';
import { PyRandom } from './compat/py-random';
import { TorchGenerator } from './compat/torch-generator';

export interface DefaultGenerators {
  python: PyRandom;
  numpy: NumpyRandomState;
  torch: TorchGenerator;
}

let current: DefaultGenerators | undefined;

/** numpy's legacy seed takes 32 bits; wider seeds go in as the words [low, high], as numpy allows. */
export function numpySeedFor(seed: bigint): number | number[] {
  return seed < 1n << 32n ? Number(seed) : [Number(seed & 0xffffffffn), Number(seed >> 32n)];
}

export function reseedDefaults(seed: bigint): DefaultGenerators {
  current = {
    python: new PyRandom(seed),
    numpy: new NumpyRandomState(numpySeedFor(seed)),
    torch: new TorchGenerator(seed),
  };
  return current;
}

/** The default generators; seeded from fresh entropy until seedEverything seeds them. */
export function defaults(): DefaultGenerators {
  if (current === undefined) {
    current = { python: new PyRandom(), numpy: new NumpyRandomState(), torch: new TorchGenerator() };
  }
  return current;
}
