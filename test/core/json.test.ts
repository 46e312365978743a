// Reports and snapshots are JSON-serialisable: bigints are written as decimal strings (exact over
// all 64 bits), and a snapshot read back from JSON restores every generator.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { cuda, defaults, getRngState, seedEverything, setRngState } from '../../lib/index';
import { withJson } from '../../lib/core/json';

const MAX = 2n ** 64n - 1n;

test('JSON.stringify(seedEverything(seed)) writes the bigints as decimal strings, 2^64 - 1 included', () => {
  for (const seed of [1, 0n, 2n ** 53n + 1n, MAX]) {
    const report = seedEverything(seed);
    const back = JSON.parse(JSON.stringify(report));
    assert.is(back.seed, String(seed));
    assert.is(back.cuda.seed, report.cuda.seed === null ? null : String(report.cuda.seed));
    assert.is(BigInt(back.seed), BigInt(seed), 'BigInt(text) reads it back');
    assert.equal(back.seeded, report.seeded);
    assert.equal(back.skipped, report.skipped);
    assert.equal(back.cudnn, report.cudnn);
    // The report itself keeps its bigints and shows no extra key.
    assert.is(typeof report.seed, 'bigint');
    assert.not.ok(Object.keys(report).includes('toJSON'));
  }
});

function draws() {
  const d = defaults();
  return {
    math: [Math.random(), Math.random()],
    python: [d.python.random(), d.python.randint(1, 100)],
    numpy: Array.from(d.numpy.rand(3) as Float64Array),
    torch: Array.from(d.torch.rand(3)),
    philox: Array.from(d.philox.uint32(5)),
    cuda: String(cuda.initialSeed(0)),
  };
}

test('JSON.stringify(getRngState()) read back with JSON.parse restores every generator through setRngState', () => {
  seedEverything(MAX);
  draws();
  const text = JSON.stringify(getRngState());
  const expected = draws();
  seedEverything(3);
  draws();
  setRngState(JSON.parse(text));
  assert.equal(draws(), expected);
});

test('withJson: nested bigints in plain objects and arrays become strings; other objects keep their own JSON', () => {
  const value = withJson({ a: 1n, nested: { b: [2n, 3], c: MAX }, when: new Date(0), bytes: new Uint8Array([1]), none: null });
  assert.equal(JSON.parse(JSON.stringify(value)), {
    a: '1',
    nested: { b: ['2', 3], c: '18446744073709551615' },
    when: '1970-01-01T00:00:00.000Z',
    bytes: { 0: 1 },
    none: null,
  });
  assert.equal(Object.keys(value), ['a', 'nested', 'when', 'bytes', 'none']);
  assert.equal(structuredClone(value).nested.c, MAX, 'structuredClone is unaffected');
});

test.run();
