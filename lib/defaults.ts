// The package's own default generators, reseeded by seedEverything: each is seeded the way its
// original library would be by the same seed (random.seed(s), numpy.random.seed(s),
// torch.manual_seed(s)), so code ported from Python draws the same numbers.
import { NumpyRandomState } from './compat/numpy-random-state';
import { PyRandom } from './compat/py-random';
import { SeedSequence } from './compat/seed-sequence';
import { TorchGenerator } from './compat/torch-generator';
import { Philox } from './philox';

export interface DefaultGenerators {
  python: PyRandom;
  numpy: NumpyRandomState;
  torch: TorchGenerator;
  /** the stream device 0's default generator draws for the same seed */
  philox: Philox;
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
    philox: new Philox(seed),
  };
  return current;
}

/** The default generators; seeded from fresh entropy until seedEverything seeds them. */
export function defaults(): DefaultGenerators {
  if (current === undefined) {
    const fresh = new SeedSequence().generateState(1, 'uint64')[0];
    current = { python: new PyRandom(), numpy: new NumpyRandomState(), torch: new TorchGenerator(), philox: new Philox(fresh) };
  }
  return current;
}
