// How much requiring the package adds to a bare `node -e 0` (target: under 30 ms), median of
// several interleaved runs of each.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { median, table } from './_util';

const root = path.resolve(__dirname, '..');
const entry = path.join(root, 'dist', 'index.js');
const runs = Number(process.env.RUNS ?? 21);

function wall(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const bare: number[] = [];
const cjs: number[] = [];
const esm: number[] = [];
for (let i = 0; i < runs; i++) {
  bare.push(wall(['-e', '0']));
  cjs.push(wall(['-e', `require(${JSON.stringify(entry)})`]));
  esm.push(wall(['--input-type=module', '-e', `import ${JSON.stringify(path.join(root, 'dist', 'index.mjs'))}`]));
}
const b = median(bare);
console.log(
  table([
    ['start-up', 'median ms', 'added ms'],
    ['node -e 0', b.toFixed(1), '-'],
    ["require('seed-everything')", median(cjs).toFixed(1), (median(cjs) - b).toFixed(1)],
    ["import 'seed-everything'", median(esm).toFixed(1), (median(esm) - b).toFixed(1)],
  ]),
);
const added = median(cjs) - b;
console.log(`\nrequire adds ${added.toFixed(1)} ms over a bare node (target < 30 ms): ${added < 30 ? 'met' : 'NOT MET'}`);
