// Run in a child process: seeds with argv[2] (or SEED_EVERYTHING_SEED when absent), draws 10^6
// values from every stream the package seeds and prints one SHA-256 per stream as JSON.
import { createHash } from 'node:crypto';
import { defaults, seedEverything } from '../../../lib/index';

const N = 1_000_000;
const arg = process.argv[2];
const report = seedEverything(arg === undefined ? undefined : BigInt(arg));

function hashFloats(values: Float64Array | Float32Array | Uint32Array): string {
  return createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex');
}

const math = new Float64Array(N);
for (let i = 0; i < N; i++) math[i] = Math.random();
const py = new Float64Array(N);
const d = defaults();
for (let i = 0; i < N; i++) py[i] = d.python.random();
const out = {
  seed: report.seed.toString(),
  source: report.source,
  'Math.random': hashFloats(math),
  python: hashFloats(py),
  numpy: hashFloats(d.numpy.rand(N) as Float64Array),
  torch: hashFloats(d.torch.rand(N)),
  philox: hashFloats(d.philox.uniform(N)),
};
console.log(JSON.stringify(out));
