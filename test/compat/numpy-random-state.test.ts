import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { NumpyRandomState, type NumpySeed, type NumpyState } from '../../lib/compat';
import { dec, golden, same, throwsCode, type Enc } from './golden';

type Op = [string, Enc[], { size?: number; dtype?: 'int32' | 'int64' }, Enc];

function replay(rs: NumpyRandomState, ops: Op[], label: string): void {
  ops.forEach(([name, rawArgs, kw, expected], i) => {
    const args = rawArgs.map(dec) as unknown[];
    const where = `${label} op ${i} ${name}(${rawArgs.join(', ')})`;
    let value: unknown;
    switch (name) {
      case 'randint':
        value = kw.size === undefined && kw.dtype === undefined
          ? rs.randint(args[0] as number, args[1] as number | undefined)
          : rs.randint(args[0] as number, args[1] as number | undefined, kw.size as number, kw.dtype);
        break;
      case 'shuffle':
        value = rs.shuffle(Array.from({ length: args[0] as number }, (_, j) => j));
        break;
      case 'getState': {
        const [n, key, pos, hasGauss, gauss] = rs.getState();
        assert.equal([n, key, pos, hasGauss], (expected as Enc[]).slice(0, 4), where);
        same(gauss, (expected as Enc[])[4], `${where} cached gaussian`);
        return;
      }
      default:
        value = (rs as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...args);
    }
    same(value, expected, where);
  });
}

test('every method matches numpy legacy RandomState for every golden seed', () => {
  const cases = golden.numpy_random_state.cases as { seed: Enc; ops: Op[] }[];
  assert.ok(cases.length >= 20);
  for (const c of cases) replay(new NumpyRandomState(dec(c.seed) as NumpySeed), c.ops, `seed ${JSON.stringify(c.seed).slice(0, 30)}`);
});

test('long gaussian runs (bulk, scalar, spare carried between them) are bit-identical to numpy', () => {
  const cases = golden.numpy_random_state.bulk_gauss as { seed: number; ops: Op[] }[];
  assert.is(cases.length, 2);
  for (const c of cases) replay(new NumpyRandomState(c.seed), c.ops, `bulk seed ${c.seed}`);
});

test('bulk gaussians equal one-at-a-time draws, across regenerations and the cached spare', () => {
  const a = new NumpyRandomState(9);
  const b = new NumpyRandomState(9);
  a.randn();
  b.randn();
  const bulk = [...a.randn(1001), ...a.normal(2, 0.5, 3)];
  const single = [...Array.from({ length: 1001 }, () => b.randn()), ...Array.from({ length: 3 }, () => b.normal(2, 0.5))];
  assert.equal(bulk, single);
  assert.equal(a.getState(), b.getState());
});

test('getState/setState round-trip through JSON, cached gaussian included', () => {
  const rs = new NumpyRandomState(77);
  rs.randn(3);
  const state = JSON.parse(JSON.stringify(rs.getState())) as NumpyState;
  assert.is(state[3], 1);
  const after = [rs.randn(), ...rs.rand(4), rs.randint(0, 1000)];
  const other = new NumpyRandomState(0);
  other.setState(state);
  assert.equal([other.randn(), ...other.rand(4), other.randint(0, 1000)], after);
  other.setState(['MT19937', state[1], state[2]]);
  assert.is(other.getState()[3], 0);
});

test('rand and randomSample agree with the one-at-a-time stream across regenerations', () => {
  const a = new NumpyRandomState(3);
  const b = new NumpyRandomState(3);
  a.randint(0, 10);
  b.randint(0, 10);
  const bulk = a.rand(2000);
  for (let i = 0; i < 2000; i++) assert.is(bulk[i], b.randomSample());
});

test('seed forms: array seeds, bigint seeds, re-seeding clears the gaussian', () => {
  assert.is(new NumpyRandomState(5n).rand(), new NumpyRandomState(5).rand());
  const rs = new NumpyRandomState(1);
  rs.randn();
  rs.seed(1);
  assert.is(rs.getState()[3], 0);
  assert.equal(Array.from(new NumpyRandomState([1, 2, 3]).rand(2)), Array.from(new NumpyRandomState([1n, 2n, 3n]).rand(2)));
});

test('refuses what numpy refuses, with coded errors', () => {
  const e = golden.errors as Record<string, string | null>;
  const rs = new NumpyRandomState(1);
  for (const key of ['np.seed_negative', 'np.seed_2_32', 'np.seed_empty_array', 'np.randint_empty', 'np.randint_low_oob', 'np.randint_high_oob', 'np.randint_int32_oob', 'np.normal_negative_scale', 'np.set_state_bad_name']) {
    assert.is(e[key], 'ValueError', key);
  }
  assert.is(e['np.uniform_infinite'], 'OverflowError');
  throwsCode(() => new NumpyRandomState(-1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new NumpyRandomState(2 ** 32), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => new NumpyRandomState([]), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => rs.randint(5, 5), RangeError, 'ERR_EMPTY_RANGE');
  throwsCode(() => rs.randint(-(2n ** 63n) - 1n, 0n), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => rs.randint(0n, 2n ** 63n + 1n), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => rs.randint(0, 2 ** 31 + 1, 3, 'int32'), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => rs.normal(0, -1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => rs.uniform(-Infinity, Infinity), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => rs.setState(['PCG64' as 'MT19937', new Array(624).fill(0), 0]), TypeError, 'ERR_INVALID_STATE');
  throwsCode(() => rs.rand(-1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => rs.rand(1.5), TypeError, 'ERR_INVALID_ARG_TYPE');
  throwsCode(() => rs.randint(1.5), TypeError, 'ERR_INVALID_ARG_TYPE');
});

test.run();
