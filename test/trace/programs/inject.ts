// Records CHECKPOINTS checkpoints "step" 0, 1, …; from checkpoint DIVERGE_AT on (when set), each
// run's values differ by its run number, which it counts in the file RUN_COUNTER. EXTRA_IN_RUN=k
// makes run k record one checkpoint more; FAIL=code exits with that code after writing to stderr.
import * as fs from 'node:fs';
import { seedEverything, trace, PyRandom } from '../../../lib/index';

function runNumber(): number {
  const file = process.env.RUN_COUNTER;
  if (!file) return 1;
  const n = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
  fs.writeFileSync(file, String(n));
  return n;
}

const report = seedEverything(undefined, { deterministic: true });
const run = runNumber();
if (process.env.FAIL) {
  process.stderr.write(`failing on purpose in run ${run}\n`);
  process.exit(Number(process.env.FAIL));
}
const rng = new PyRandom(report.seed);
const count = Number(process.env.CHECKPOINTS ?? 20) + (Number(process.env.EXTRA_IN_RUN) === run ? 1 : 0);
const divergeAt = process.env.DIVERGE_AT === undefined ? Infinity : Number(process.env.DIVERGE_AT);
const values = new Float32Array(64);
for (let step = 0; step < count; step++) {
  for (let i = 0; i < values.length; i++) values[i] = rng.random() + (step >= divergeAt ? run * 1e-3 * (step - divergeAt + 1) : 0);
  trace('step', values);
}
trace('done', { steps: count, label: 'end' });
