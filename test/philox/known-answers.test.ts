// Known answers recorded from libcurand's host Philox (test/fixtures/philox-curand.json, made by
// tools/curand-probe/fixture.cc). Every case replays the same calls on a Philox.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { Philox } from '../../lib/philox/philox';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Case = { kind: string; seed: string; offset: string; calls: number[]; mean: number; std: number; values: (number | string)[] };

function bits(out: Uint32Array | Float32Array | Float64Array): (number | string)[] {
  if (out instanceof Uint32Array) return Array.from(out);
  if (out instanceof Float32Array) return Array.from(new Uint32Array(out.buffer, out.byteOffset, out.length), (b) => `0x${b.toString(16).padStart(8, '0')}`);
  return Array.from(new BigUint64Array(out.buffer, out.byteOffset, out.length), (b) => `0x${b.toString(16).padStart(16, '0')}`);
}

function call(p: Philox, c: Case, n: number) {
  switch (c.kind) {
    case 'u32': return p.uint32(n);
    case 'uniform': return p.uniform(n);
    case 'uniformDouble': return p.uniformDouble(n);
    case 'normal': return p.normal(n, c.mean, c.std);
    case 'normalDouble': return p.normalDouble(n, c.mean, c.std);
    case 'logNormal': return p.logNormal(n, c.mean, c.std);
    case 'logNormalDouble': return p.logNormalDouble(n, c.mean, c.std);
  }
  throw new Error(`unknown kind ${c.kind}`);
}

const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'philox-curand.json'), 'utf8')) as { cases: Case[] };
const cases = fixture.cases;

test('the fixture covers every kind, the extreme seeds and several calls', () => {
  assert.is(new Set(cases.map((c) => c.kind)).size, 7);
  for (const s of ['0', '4294967295', '4294967296', '9223372036854775808', '18446744073709551615']) {
    assert.ok(cases.some((c) => c.seed === s), s);
  }
  assert.ok(cases.some((c) => c.calls.length > 1));
});

test('seed 11 starts 3848496742 4117957564 1519192786 1437745381; output 262144 is 1699115334', () => {
  assert.equal(Array.from(new Philox(11).uint32(4)), [3848496742, 4117957564, 1519192786, 1437745381]);
  assert.is(new Philox(11, 262144).uint32(1)[0], 1699115334);
});

test('every recorded call sequence gives libcurand bits', () => {
  for (const c of cases) {
    const p = new Philox(BigInt(c.seed), BigInt(c.offset));
    let last: Uint32Array | Float32Array | Float64Array = new Uint32Array(0);
    for (const n of c.calls) last = call(p, c, n);
    const where = `${c.kind} seed ${c.seed} offset ${c.offset} calls ${c.calls.join('+')}`;
    assert.equal(bits(last), c.values, where);
    const total = c.calls.reduce((a, b) => a + b, 0);
    assert.is(p.offset, BigInt(c.offset) + BigInt(total), `${where}: offset`);
  }
});

test.run();
