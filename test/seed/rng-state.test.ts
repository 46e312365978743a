import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cuda, cudnn, defaults, getRngState, isolateRng, seedEverything, setRngState } from '../../lib/index';

function drawSome() {
  const d = defaults();
  return {
    math: Array.from({ length: 5000 }, () => Math.random()),
    py: Array.from({ length: 10 }, () => d.python.random()),
    gauss: d.python.gauss(0, 1),
    np: Array.from(d.numpy.randn(5) as Float64Array),
    torch: Array.from(d.torch.randn(3)),
    philox: Array.from(d.philox.uniform(6)),
  };
}

test('snapshot -> draw -> restore -> draw gives the same draws, also through JSON', () => {
  seedEverything(2024);
  drawSome();
  const snap = JSON.parse(JSON.stringify(getRngState()));
  cuda.manualSeed(9, 2);
  const first = drawSome();
  cudnn.benchmark = true;
  setRngState(snap);
  assert.is(cudnn.benchmark, false);
  assert.equal(drawSome(), first);
  assert.is(cuda.initialSeed(2), 2024n);
});

test('isolateRng leaves the streams as they were, for sync and async functions and on throw', async () => {
  seedEverything(1);
  const expected = (() => {
    const s = getRngState();
    const v = drawSome();
    setRngState(s);
    return v;
  })();
  isolateRng(() => drawSome());
  assert.throws(() =>
    isolateRng(() => {
      drawSome();
      throw new Error('boom');
    }),
  );
  await isolateRng(async () => {
    drawSome();
    await new Promise((r) => setTimeout(r, 1));
    drawSome();
  });
  await isolateRng(async () => {
    drawSome();
    throw new Error('async boom');
  }).catch(() => undefined);
  assert.equal(drawSome(), expected);
});

test('malformed snapshots are rejected before anything changes', () => {
  seedEverything(3);
  const snap = getRngState();
  const bad: [unknown, string][] = [
    [null, 'ERR_INVALID_RNG_STATE'],
    [{ ...snap, kind: 'other' }, 'ERR_INVALID_RNG_STATE'],
    [{ ...snap, version: 2 }, 'ERR_RNG_STATE_VERSION'],
    [{ ...snap, rootSeed: '-1' }, 'ERR_INVALID_RNG_STATE'],
    [{ ...snap, cuda: { ...snap.cuda, devices: [[0, '1', '3']] } }, 'ERR_INVALID_RNG_STATE'],
    [{ ...snap, mathRandom: { ...snap.mathRandom!, index: 5000 } }, 'ERR_INVALID_RNG_STATE'],
    [{ ...snap, cudnn: { deterministic: 'yes', benchmark: false } }, 'ERR_INVALID_RNG_STATE'],
    [{ ...snap, defaults: { ...snap.defaults, torch: { seed: '1', key: [1, 2], index: 0, nextDoubleNormal: null } } }, 'ERR_INVALID_STATE'],
  ];
  const before = JSON.stringify(getRngState());
  for (const [value, code] of bad) {
    try {
      setRngState(value as typeof snap);
      assert.unreachable(code);
    } catch (e) {
      assert.is((e as { code: string }).code, code, JSON.stringify(value).slice(0, 80));
    }
    assert.is(JSON.stringify(getRngState()), before);
  }
});

test.run();
