// How much requiring the package adds to a bare `node -e 0` (target: under 30 ms). Two views,
// medians over fresh processes: the time the require itself takes inside the process (steady),
// and the difference in wall-clock start-up against `node -e 0` (includes the machine's noise).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { median, table } from './_util';

const root = path.resolve(__dirname, '..');
const cjs = path.join(root, 'dist', 'index.js');
const esm = path.join(root, 'dist', 'index.mjs');
const runs = Number(process.env.RUNS ?? 21);

function wall(args: string[]): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

function inside(args: string[]): number {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return Number(r.stdout.trim());
}

const timed = (load: string) => `const t0 = process.hrtime.bigint(); ${load}; process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`;
const m = { bare: [] as number[], cjsWall: [] as number[], cjsIn: [] as number[], esmIn: [] as number[] };
for (let i = 0; i < runs; i++) {
  m.bare.push(wall(['-e', '0']));
  m.cjsWall.push(wall(['-e', `require(${JSON.stringify(cjs)})`]));
  m.cjsIn.push(inside(['-e', timed(`require(${JSON.stringify(cjs)})`)]));
  m.esmIn.push(inside(['--input-type=module', '-e', `const t0 = process.hrtime.bigint(); await import(${JSON.stringify(esm)}); process.stdout.write(String(Number(process.hrtime.bigint() - t0) / 1e6));`]));
}
const added = median(m.cjsWall) - median(m.bare);
console.log(
  table([
    ['', 'median ms'],
    ["require('seed-everything'), timed inside the process", median(m.cjsIn).toFixed(1)],
    ["import('seed-everything'), timed inside the process", median(m.esmIn).toFixed(1)],
    ['node -e 0, wall clock', median(m.bare).toFixed(1)],
    ["node -e \"require('seed-everything')\", wall clock", median(m.cjsWall).toFixed(1)],
    ['difference in wall clock', added.toFixed(1)],
  ]),
);
const cost = median(m.cjsIn);
console.log(`\nrequire costs ${cost.toFixed(1)} ms inside the process, ${added.toFixed(1)} ms of wall clock over a bare node (target < 30 ms): ${cost < 30 ? 'met' : 'NOT MET'}`);
