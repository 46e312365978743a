import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { PyRandom, type PySeed } from '../../lib/compat';
import { dec, golden, same, sameSeries, throwsCode, type Enc } from './golden';

type Op = [string, Enc[], Enc];

function replay(r: PyRandom, ops: Op[], label: string): void {
  ops.forEach(([name, rawArgs, expected], i) => {
    const args = rawArgs.map(dec) as (number | bigint)[];
    const where = `${label} op ${i} ${name}(${args.join(', ')})`;
    switch (name) {
      case 'choice': {
        const n = Number(args[0]);
        const seq = { length: n } as { length: number; [i: number]: number };
        same(r.choice(new Proxy(seq, { get: (t, k) => (k === 'length' ? n : Number(k)) })), expected, where);
        break;
      }
      case 'shuffle':
        same(r.shuffle(Array.from({ length: Number(args[0]) }, (_, j) => j)), expected, where);
        break;
      case 'sample':
        same(r.sample(Array.from({ length: Number(args[0]) }, (_, j) => j), Number(args[1])), expected, where);
        break;
      case 'getstate': {
        const [version, words, gaussNext] = r.getstate();
        assert.is(version, 3);
        same([...words, gaussNext] as Enc[], expected, where);
        break;
      }
      default: {
        const fn = (r as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
        same(fn.apply(r, args), expected, where);
      }
    }
  });
}

test('random.seed(11) then randint(1, 100) twice gives 58 then 72', () => {
  const r = new PyRandom(11);
  assert.equal([r.randint(1, 100), r.randint(1, 100)], [58, 72]);
  assert.equal(golden.python_random.seed11_randint_1_100, [58, 72]);
});

test('every method matches CPython for every golden seed', () => {
  const cases = golden.python_random.cases as { seed: Enc; ops: Op[] }[];
  assert.ok(cases.length >= 20);
  for (const c of cases) replay(new PyRandom(dec(c.seed) as PySeed), c.ops, `seed ${String(c.seed)}`);
});

test('gauss over 2000 draws: bit-identical to CPython', () => {
  const r = new PyRandom(123);
  const expected = golden.python_random.gauss2000_seed123 as number[];
  assert.is(sameSeries(expected.map(() => r.gauss(0, 1)), expected, 'gauss'), 2000);
});

test('gauss(0.25, 3.5) over 5000 draws for each of four seeds: bit-identical to CPython', () => {
  const runs = golden.python_random.gauss_mu025_sigma35 as { seed: Enc; values: number[] }[];
  let compared = 0;
  for (const { seed, values } of runs) {
    const r = new PyRandom(dec(seed) as PySeed);
    compared += sameSeries(values.map(() => r.gauss(0.25, 3.5)), values, `seed ${String(seed)}`);
  }
  assert.is(compared, 20000);
});

test('getstate/setstate round-trip through JSON, cached gauss included', () => {
  const r = new PyRandom(2024);
  r.gauss();
  const state = JSON.parse(JSON.stringify(r.getstate()));
  const a = [r.gauss(), r.random(), r.getrandbits(77)];
  const s = new PyRandom(1);
  s.setstate(state);
  assert.equal([s.gauss(), s.random(), s.getrandbits(77)], a);
});

test('seed(x) re-seeds and clears the cached gauss; bytes seed like the equal string', () => {
  const r = new PyRandom(5);
  r.gauss();
  r.seed(5);
  assert.is(r.gauss(), new PyRandom(5).gauss());
  assert.is(new PyRandom(new TextEncoder().encode('abc')).random(), new PyRandom('abc').random());
  assert.is(new PyRandom(-5n).random(), new PyRandom(5).random());
});

test('number and bigint arguments agree; bigint in gives bigint out', () => {
  const a = new PyRandom(9);
  const b = new PyRandom(9);
  const x = a.randrange(0, 1000, 7);
  const y = b.randrange(0n, 1000n, 7n);
  assert.is(typeof y, 'bigint');
  assert.is(BigInt(x), y);
  assert.is(typeof a.randint(0, 2 ** 53 - 2), 'number');
});

test('refuses what CPython refuses, with coded errors', () => {
  const e = golden.errors as Record<string, string | null>;
  const r = new PyRandom(1);
  assert.is(e['py.sample_too_large'], 'ValueError');
  throwsCode(() => r.sample([1, 2, 3], 4), RangeError, 'ERR_SAMPLE_LARGER_THAN_POPULATION');
  throwsCode(() => r.sample([1, 2, 3], -1), RangeError, 'ERR_SAMPLE_LARGER_THAN_POPULATION');
  assert.is(e['py.choice_empty'], 'IndexError');
  throwsCode(() => r.choice([]), RangeError, 'ERR_EMPTY_SEQUENCE');
  throwsCode(() => r.randrange(0), RangeError, 'ERR_EMPTY_RANGE');
  throwsCode(() => r.randrange(5, 5), RangeError, 'ERR_EMPTY_RANGE');
  throwsCode(() => r.randrange(0, 10, 0), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => r.randrange(0, 10, -1), RangeError, 'ERR_EMPTY_RANGE');
  throwsCode(() => r.randint(10, 1), RangeError, 'ERR_EMPTY_RANGE');
  throwsCode(() => r.getrandbits(-1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => r.randrange(1.5), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => r.randint(0, 2 ** 60), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new PyRandom(1.5), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => new PyRandom({} as unknown as number), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => r.setstate([3, [1, 2], null]), TypeError, 'ERR_INVALID_STATE');
  for (const key of ['py.sample_negative', 'py.randrange_0', 'py.randrange_empty', 'py.randrange_zero_step', 'py.randint_reversed', 'py.getrandbits_negative', 'py.randrange_float']) {
    assert.is(e[key], 'ValueError', key);
  }
});

test.run();
