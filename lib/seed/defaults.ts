// The package's own default generators, reseeded by seedEverything: each is seeded the way its
// original library would be by the same seed (random.seed(s), numpy.random.seed(s),
// torch.manual_seed(s)), so code ported from Python draws the same numbers.
import { NumpyRandomState } from '../compat/numpy-random-state';
import { PyRandom } from '../compat/py-random';
import { SeedSequence } from '../compat/seed-sequence';
import { TorchGenerator } from '../compat/torch-generator';
import { Philox } from '../philox/philox';
import { currentScope } from './rng-scope';

export interface DefaultGenerators {
  python: PyRandom;
  numpy: NumpyRandomState;
  torch: TorchGenerator;
  /** the stream device 0's default generator draws for the same seed */
  philox: Philox;
}

let current: DefaultGenerators | undefined; // this thread's; an isolated block has its own copy

/** numpy's legacy seed takes 32 bits; wider seeds go in as the words [low, high], as numpy allows. */
function numpySeedFor(seed: bigint): number | number[] {
  return seed < 1n << 32n ? Number(seed) : [Number(seed & 0xffffffffn), Number(seed >> 32n)];
}

export function reseedDefaults(seed: bigint): DefaultGenerators {
  const fresh = {
    python: new PyRandom(seed),
    numpy: new NumpyRandomState(numpySeedFor(seed)),
    torch: new TorchGenerator(seed),
    philox: new Philox(seed),
  };
  const scope = currentScope();
  if (scope !== undefined) scope.defaults = fresh;
  else current = fresh;
  return fresh;
}

/** The default generators; seeded from fresh entropy until seedEverything seeds them. */
export function defaults(): DefaultGenerators {
  const scope = currentScope();
  if (scope !== undefined) return scope.defaults;
  if (current === undefined) {
    const fresh = new SeedSequence().generateState(1, 'uint64')[0];
    current = { python: new PyRandom(), numpy: new NumpyRandomState(), torch: new TorchGenerator(), philox: new Philox(fresh) };
  }
  return current;
}

/** Independent generators continuing exactly where the current defaults are, for an isolated block. */
export function copyDefaults(): DefaultGenerators {
  const d = defaults();
  const python = new PyRandom(0);
  python.setstate(d.python.getstate());
  const numpy = new NumpyRandomState(0);
  numpy.setState(d.numpy.getState());
  const torch = new TorchGenerator(0);
  torch.setState(d.torch.getState());
  return { python, numpy, torch, philox: Philox.fromState(d.philox.getState()) };
}
