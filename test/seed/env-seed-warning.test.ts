// SEED_EVERYTHING_SEED that looks like a number but is not plain decimal digits is hashed as text;
// one coded process warning per value says so. Children run the package from source: one gets the
// variable from its parent's environment, one sets each value in turn (the variable is read on
// every call), and warnings are counted as Node emits them.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { hashStringSeed } from '../../lib/core/seed';
import { runChild } from '../helpers/child';

interface Seen {
  seeds: string[];
  warnings: { code: string; message: string }[];
}

const collect = `
  const warnings = [];
  process.on('warning', (w) => warnings.push({ code: w.code, message: w.message }));
  const { seedEverything, seedWorker } = require('./lib/index');
  const draw = () => [seedEverything(undefined, { env: false, tfjs: false }).seed, seedEverything(undefined, { env: false, tfjs: false }).seed,
    seedWorker({ workerId: 0, tfjs: false }).worker.root].map(String);
  const tick = () => new Promise((resolve) => setImmediate(resolve));
`;

const numeric = ['+42', '0x2a', '1e3', '-5', '４２', '٤٢', '4.0', '1_000'];
const plain = ['42', ' 18446744073709551615 ', 'experiment-7', 'run 2026'];

function expectedSeed(value: string): string {
  const text = value.trim();
  return /^\d+$/.test(text) ? text : hashStringSeed(text).toString();
}

test('from the parent environment: SEED_EVERYTHING_SEED=+42 is hashed and warns once', () => {
  const r = runChild(`${collect} const seeds = draw(); tick().then(() => console.log(JSON.stringify({ seeds, warnings })));`, { SEED_EVERYTHING_SEED: '+42' });
  assert.is(r.status, 0, r.stderr);
  const s = r.json<Seen>();
  assert.equal(s.seeds, new Array(3).fill(expectedSeed('+42')));
  assert.equal(s.warnings.map((w) => w.code), ['SEED_EVERYTHING_SEED_HASHED']);
});

test('every numeric-looking value warns once (SEED_EVERYTHING_SEED_HASHED); plain digits and names never', () => {
  const r = runChild(`${collect}
    (async () => {
      const out = {};
      for (const value of ${JSON.stringify([...numeric, ...plain])}) {
        process.env.SEED_EVERYTHING_SEED = value;
        const before = warnings.length;
        const seeds = draw();
        await tick();
        out[value] = { seeds, warnings: warnings.slice(before) };
      }
      console.log(JSON.stringify(out));
    })();
  `);
  assert.is(r.status, 0, r.stderr);
  const all = r.json<Record<string, Seen>>();
  for (const value of [...numeric, ...plain]) {
    const s = all[value];
    assert.equal(s.seeds, new Array(3).fill(expectedSeed(value)), `${value}: the seed is what it always was`);
    if (plain.includes(value)) {
      assert.equal(s.warnings, [], `${value}: no warning`);
      continue;
    }
    assert.is(s.warnings.length, 1, `${value}: ${JSON.stringify(s.warnings)}`);
    assert.is(s.warnings[0].code, 'SEED_EVERYTHING_SEED_HASHED');
    assert.ok(s.warnings[0].message.includes(JSON.stringify(value)), s.warnings[0].message);
  }
});

test.run();
