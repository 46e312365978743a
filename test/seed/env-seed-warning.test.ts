// SEED_EVERYTHING_SEED that looks like a number but is not plain decimal digits is hashed as text;
// one coded process warning per value says so. Each case is a fresh process: the variable is the
// process's own, and the warning is counted as Node emits it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashStringSeed } from '../../lib/seed';
import { runChild } from '../helpers/child';

interface Seen {
  seeds: string[];
  warnings: { code: string; message: string }[];
}

function seen(value: string): Seen {
  const r = runChild(
    `
    const warnings = [];
    process.on('warning', (w) => warnings.push({ code: w.code, message: w.message }));
    const { seedEverything, seedWorker } = require('./lib/index');
    const seeds = [seedEverything(undefined, { env: false, tfjs: false }).seed, seedEverything(undefined, { env: false, tfjs: false }).seed,
      seedWorker({ workerId: 0, tfjs: false }).worker.root].map(String);
    setImmediate(() => console.log(JSON.stringify({ seeds, warnings })));
  `,
    { SEED_EVERYTHING_SEED: value },
  );
  assert.is(r.status, 0, r.stderr);
  return r.json<Seen>();
}

for (const value of ['+42', '0x2a', '1e3', '-5', '４２', '٤٢', '4.0', '1_000']) {
  test(`SEED_EVERYTHING_SEED=${value} is hashed as text and warns once (SEED_EVERYTHING_SEED_HASHED)`, () => {
    const s = seen(value);
    const hashed = hashStringSeed(value).toString();
    assert.equal(s.seeds, [hashed, hashed, hashed]);
    assert.is(s.warnings.length, 1, JSON.stringify(s.warnings));
    assert.is(s.warnings[0].code, 'SEED_EVERYTHING_SEED_HASHED');
    assert.ok(s.warnings[0].message.includes(JSON.stringify(value)), s.warnings[0].message);
  });
}

for (const value of ['42', ' 18446744073709551615 ', 'experiment-7', 'run 2026']) {
  test(`SEED_EVERYTHING_SEED=${JSON.stringify(value)} gives no warning`, () => {
    const s = seen(value);
    const text = value.trim();
    const want = /^\d+$/.test(text) ? text : hashStringSeed(text).toString();
    assert.equal(s.seeds, [want, want, want]);
    assert.equal(s.warnings, []);
  });
}

test.run();
