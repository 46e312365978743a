// An all-zero MT19937 state (no seed produces one) gives only zeros, and numpy's polar gaussians
// then reject every pair forever. Every compat setState and setRngState refuse it up front.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { NumpyRandomState, PyRandom, TorchGenerator } from '../../lib/compat';
import { compatNative, slotBuffer } from '../../lib/compat/native';
import { getRngState, setRngState, type RngSnapshot } from '../../lib/seed/rng-state';
import { runChild } from '../helpers/child';
import { throwsCode } from '../helpers/errors';

const zeros = (): number[] => new Array(624).fill(0);
/** Zero but for the low 31 bits of word 0, which the recurrence never reads: the same dead state. */
const lowBitsOnly = (): number[] => [0x7fffffff, ...new Array(623).fill(0)];

for (const [label, words] of [['all zero', zeros], ['zero but for word 0 low bits', lowBitsOnly]] as const) {
  test(`PyRandom.setstate refuses a state that is ${label}, and keeps its own`, () => {
    const r = new PyRandom(5);
    const before = r.getstate();
    throwsCode(() => r.setstate([3, [...words(), 624], null]), RangeError, 'ERR_INVALID_STATE');
    assert.equal(r.getstate(), before);
  });

  test(`NumpyRandomState.setState refuses a state that is ${label} (arrays and typed arrays)`, () => {
    const r = new NumpyRandomState(5);
    const before = r.getState();
    throwsCode(() => r.setState(['MT19937', words(), 624, 0, 0]), RangeError, 'ERR_INVALID_STATE');
    throwsCode(() => r.setState(['MT19937', Uint32Array.from(words()), 0]), RangeError, 'ERR_INVALID_STATE');
    assert.equal(r.getState(), before);
  });

  test(`TorchGenerator.setState refuses a state that is ${label}`, () => {
    const g = new TorchGenerator(5);
    const before = g.getState();
    throwsCode(() => g.setState({ ...before, key: words(), index: 624 }), RangeError, 'ERR_INVALID_STATE');
    assert.equal(g.getState(), before);
  });
}

test('one live bit is enough: the top bit of word 0, or any bit of another word, is accepted', () => {
  const top = zeros();
  top[0] = 0x80000000;
  const last = zeros();
  last[623] = 1;
  new NumpyRandomState(1).setState(['MT19937', top, 624, 0, 0]);
  new PyRandom(1).setstate([3, [...last, 624], null]);
  new TorchGenerator(1).setState({ ...new TorchGenerator(1).getState(), key: last });
});

test('setRngState refuses a snapshot whose compat states are all zero and changes nothing', () => {
  const before = getRngState();
  const cases: [string, (s: RngSnapshot) => void][] = [
    ['python', (s) => (s.defaults.python = [3, [...zeros(), 624], null])],
    ['numpy', (s) => (s.defaults.numpy = ['MT19937', zeros(), 624, 0, 0])],
    ['torch', (s) => (s.defaults.torch = { ...s.defaults.torch, key: zeros() })],
  ];
  for (const [which, edit] of cases) {
    const snap = JSON.parse(JSON.stringify(before)) as RngSnapshot;
    snap.rootSeed = '12345';
    snap.cudnn = { deterministic: !before.cudnn.deterministic, benchmark: !before.cudnn.benchmark };
    edit(snap);
    throwsCode(() => setRngState(snap), RangeError, 'ERR_INVALID_STATE');
    assert.equal(JSON.stringify(getRngState()), JSON.stringify(before), `${which}: nothing applied`);
  }
});

test('the addon refuses legacy gaussians from an all-zero state instead of looping', () => {
  const out = new Float64Array(8);
  throwsCode(() => compatNative().compatFillLegacyGauss(new Uint32Array(624), 0, out, false, 0, 1, slotBuffer()), RangeError, 'ERR_INVALID_STATE');
  assert.equal(Array.from(out), new Array(8).fill(0));
});

test('standardNormal() after an all-zero setState returns promptly (child process, 20 s limit)', () => {
  const r = runChild(
    `
    const { NumpyRandomState } = require('./lib/compat');
    const r = new NumpyRandomState(9);
    const want = [new NumpyRandomState(9).standardNormal(), ...new NumpyRandomState(9).standardNormal(65).slice(1)];
    let code = 'accepted';
    try { r.setState(['MT19937', new Array(624).fill(0), 624, 0, 0]); } catch (e) { code = e.code; }
    const one = r.standardNormal();
    const many = r.standardNormal(64);
    console.log(JSON.stringify({ code, one: one === want[0], many: Array.from(many).every((v, i) => v === want[i + 1]) }));
  `,
    {},
    20000,
  );
  assert.is(r.status, 0, `child did not finish (status ${r.status}): ${r.stderr}`);
  assert.equal(r.json(), { code: 'ERR_INVALID_STATE', one: true, many: true });
});

test.run();
