import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { SeedSequence, type Entropy } from '../../lib/compat';
import { dec, golden, same, throwsCode, type Enc } from './golden';

interface Case {
  entropy: Enc; spawnKey: Enc[]; poolSize: number; pool: number[]; u32: number[]; u64: Enc[];
  children: { spawnKey: Enc[]; u32: number[] }[]; nChildrenSpawned: number;
}

test('generateState, pool and spawned children match numpy', () => {
  const cases = golden.seed_sequence.cases as Case[];
  for (const c of cases) {
    const where = `entropy ${JSON.stringify(c.entropy).slice(0, 40)} key ${JSON.stringify(c.spawnKey)}`;
    const ss = new SeedSequence(dec(c.entropy) as Entropy, { spawnKey: dec(c.spawnKey) as bigint[], poolSize: c.poolSize });
    same(ss.pool, c.pool, `${where} pool`);
    const kids = [...ss.spawn(3), ...ss.spawn(2)];
    same(ss.generateState(8), c.u32, `${where} u32`);
    same(ss.generateState(4, 'uint64'), c.u64, `${where} u64`);
    assert.is(ss.nChildrenSpawned, c.nChildrenSpawned);
    kids.forEach((k, i) => {
      same([...k.spawnKey], c.children[i].spawnKey, `${where} child ${i} key`);
      same(k.generateState(4), c.children[i].u32, `${where} child ${i}`);
    });
  }
});

test('entropy and spawnKey are readable; no entropy draws fresh bits', () => {
  const ss = new SeedSequence([1, 2n], { spawnKey: [3] });
  assert.equal(ss.entropy, [1n, 2n]);
  assert.equal(ss.spawnKey, [3n]);
  assert.is.not(new SeedSequence().generateState(1)[0], new SeedSequence().generateState(1)[0] + 0.5);
});

test('refuses what numpy refuses', () => {
  const e = golden.errors as Record<string, string | null>;
  assert.is(e['ss.negative'], 'ValueError');
  assert.is(e['ss.float'], 'TypeError');
  assert.is(e['ss.small_pool'], 'ValueError');
  throwsCode(() => new SeedSequence(-1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new SeedSequence(1.5), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => new SeedSequence(1, { poolSize: 3 }), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new SeedSequence(1).generateState(2, 'uint16' as 'uint32'), TypeError, 'ERR_INVALID_ARG_TYPE');
});

test.run();
