// Every object-taking function reads each field once into a plain copy, validates the copy and
// applies only the copy. For each one, with a valid input as the base:
//   - a getter valid on its first read and invalid after gives what the plain input gives, read once;
//   - a getter invalid first and valid after is refused with a coded error, and nothing changes;
//   - a throwing getter gives the function's coded error (never the getter's own, never undefined);
//   - a Proxy around every object and array sees each property read at most once;
//   - an unknown key is ERR_UNKNOWN_OPTION naming the function's own options.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import * as cuda from '../../lib/cuda/devices';
import { cudnn } from '../../lib/cudnn';
import { CONFIG_KEYS, normalizeConvolution } from '../../lib/cudnn/config';
import { chooseWithPerf, selectFromPerf } from '../../lib/cudnn/select';
import { Generator } from '../../lib/curand/generator';
import { DeviceBuffer } from '../../lib/cuda/device-buffer';
import { NumpyRandomState, PyRandom, SeedSequence } from '../../lib/compat';
import { getRngState } from '../../lib/seed/rng-state';
import { verifyCudnn } from '../../lib/cudnn/verify';
import { seedWorker } from '../../lib/seed/workers';
import { at, counting, deepCopy, flipping, GetterError, label, leafPaths, throwing, type Path } from '../helpers/hostile';

type Outcome = { ok: true; value: string } | { ok: false; code: string; message: string };

interface Subject {
  name: string;
  valid(): unknown;
  /** Calls the function; what it returns is compared between inputs (as JSON). */
  run(input: unknown): unknown;
  /** Where a value would be refused, and that value. */
  invalid: [Path, unknown][];
  /** Objects read as options: an unknown key there is refused naming `owner` and its keys. */
  objects?: { path: Path; owner: string; keys: readonly string[] }[];
  /** The code for a getter that throws. */
  unreadable: string;
  /** What a refused call must leave as it was. */
  observe(): unknown;
  /** 'ok' or the code the plain valid input gives on this machine. */
  expected: string;
  /** Plain data only (lib/core/plain.ts): any getter or Proxy is refused with `unreadable` before a read. */
  plainOnly?: true;
}

const json = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : ArrayBuffer.isView(x) ? Array.from(x as Uint8Array, Number) : x));

async function outcome(what: string, fn: () => unknown): Promise<Outcome> {
  try {
    const value = await fn();
    assert.ok(value !== undefined, `${what} returned undefined`);
    return { ok: true, value: json(value) };
  } catch (err) {
    assert.not.instance(err, GetterError, `${what}: the getter's own error escaped uncoded`);
    const e = err as { code?: unknown; message?: unknown };
    assert.ok(err instanceof Error && typeof e.code === 'string', `${what} threw an uncoded ${String(err)}`);
    return { ok: false, code: e.code as string, message: String(e.message) };
  }
}

const shown = (o: Outcome): string => (o.ok ? 'ok' : o.code);

const gpu = cuda.isAvailable();
const cudnnReady = gpu && cudnn.isAvailable();
const convOutcome = cudnnReady ? 'ok' : cudnn.isAvailable() ? 'ERR_CUDA_UNAVAILABLE' : 'ERR_CUDNN_UNAVAILABLE';
const config = () => ({ input: [2, 4, 8, 8], filter: [6, 4, 3, 3], padding: [1, 1], stride: 1, dilation: [1, 1], groups: 1, dataType: 'float32', layout: 'NCHW', mathType: 'default', device: 0, workspaceLimit: 4096 });
const perf = () => [
  { algo: 1, status: 0, time: 1, memory: 0, determinism: 1, mathType: 0 },
  { algo: 0, status: 0, time: 0.5, memory: 64, determinism: 1, mathType: 0 },
];
const drawn = (g: Generator, fn: (g: Generator) => unknown): unknown => {
  try {
    return fn(g);
  } finally {
    g.close();
  }
};
const pyTarget = new PyRandom(1);
const npTarget = new NumpyRandomState(1);
const noState = () => null;
const optionKeys = (keys: readonly string[]) => keys;

const subjects: Subject[] = [
  {
    name: 'curand.Generator options',
    valid: () => ({ device: 'host', seed: 42, offset: 12n, ordering: 'PSEUDO_LEGACY' }),
    run: (o) => drawn(new Generator('PHILOX4_32_10', o as never), (g) => Array.from(g.generate(8))),
    invalid: [[['device'], 4096], [['seed'], -1], [['offset'], -1n], [['ordering'], 'NOPE']],
    objects: [{ path: [], owner: 'curand.Generator', keys: optionKeys(['device', 'seed', 'offset', 'ordering', 'dimensions']) }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: 'ok',
  },
  {
    name: 'curand.Generator options (quasi dimensions)',
    valid: () => ({ dimensions: 2 }),
    run: (o) => drawn(new Generator('SOBOL32', o as never), (g) => Array.from(g.generate(8))),
    invalid: [[['dimensions'], 0]],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: 'ok',
  },
  {
    name: 'curand.Generator uniform options',
    valid: () => ({ count: 4, dtype: 'float32' }),
    run: (o) => drawn(new Generator('PHILOX4_32_10', { seed: 3 }), (g) => Array.from(g.uniform(new Float32Array(8), o as never))),
    invalid: [[['count'], 9], [['dtype'], 'int8']],
    objects: [{ path: [], owner: 'curand.Generator.uniform', keys: ['count', 'dtype'] }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: 'ok',
  },
  {
    name: 'curand.Generator normal options',
    valid: () => ({ count: 4 }),
    run: (o) => drawn(new Generator('PHILOX4_32_10', { seed: 3 }), (g) => Array.from(g.normal(new Float64Array(8), 0, 1, o as never))),
    invalid: [[['count'], 3]],
    objects: [{ path: [], owner: 'curand.Generator.normal', keys: ['count', 'dtype'] }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: 'ok',
  },
  {
    name: 'SeedSequence options',
    valid: () => ({ spawnKey: [1, 2n], poolSize: 8 }),
    run: (o) => new SeedSequence(5, o as never).generateState(4),
    invalid: [[['spawnKey', 0], -1], [['spawnKey', 1], 1.5], [['poolSize'], 1]],
    objects: [{ path: [], owner: 'SeedSequence', keys: ['spawnKey', 'poolSize'] }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: 'ok',
  },
  {
    name: 'SeedSequence entropy',
    valid: () => [1, 2n, 2 ** 40],
    run: (e) => new SeedSequence(e as never).generateState(4),
    invalid: [[[0], -1], [[2], 0.5]],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: 'ok',
  },
  {
    name: 'PyRandom.setstate',
    valid: () => new PyRandom(77).getstate(),
    run: (s) => (pyTarget.setstate(s as never), [pyTarget.random(), pyTarget.gauss()]),
    invalid: [[[0], 2], [[1, 5], -1], [[1, 624], 625], [[2], 'x']],
    unreadable: 'ERR_INVALID_STATE',
    observe: () => pyTarget.getstate(),
    expected: 'ok',
  },
  {
    name: 'NumpyRandomState.setState',
    valid: () => {
      const r = new NumpyRandomState(77);
      r.standardNormal();
      return r.getState();
    },
    run: (s) => (npTarget.setState(s as never), [npTarget.standardNormal(), npTarget.randomSample()]),
    invalid: [[[0], 'PCG64'], [[1, 7], -1], [[2], 625], [[3], 2], [[4], 'x']],
    unreadable: 'ERR_INVALID_STATE',
    observe: () => npTarget.getState(),
    expected: 'ok',
  },
  {
    name: 'NumpyRandomState seed array',
    valid: () => [1, 2, 3],
    run: (s) => new NumpyRandomState(s as never).randomSample(),
    invalid: [[[0], -1], [[2], 1.5]],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: 'ok',
  },
  {
    name: 'cuda.DeviceBuffer options',
    valid: () => ({ device: 0 }),
    run: (o) => {
      const b = new DeviceBuffer(16, o as never);
      b.close();
      return b.byteLength;
    },
    invalid: [[['device'], -1]],
    objects: [{ path: [], owner: 'cuda.DeviceBuffer', keys: ['device'] }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: gpu ? 'ok' : 'ERR_CUDA_UNAVAILABLE',
  },
  {
    name: 'cuda.DeviceBuffer.from options',
    valid: () => ({ device: 0 }),
    run: (o) => {
      const b = DeviceBuffer.from(new Uint8Array(4), o as never);
      b.close();
      return b.byteLength;
    },
    invalid: [[['device'], 1.5]],
    objects: [{ path: [], owner: 'cuda.DeviceBuffer', keys: ['device'] }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: gpu ? 'ok' : 'ERR_CUDA_UNAVAILABLE',
  },
  {
    name: 'cuDNN convolution config',
    valid: config,
    run: (c) => normalizeConvolution('forward', c),
    invalid: [
      [['input', 0], 0],
      [['filter'], 'x'],
      [['filter', 3], 99],
      [['padding', 1], -1],
      [['stride'], 0],
      [['dilation', 0], 0],
      [['groups'], 3],
      [['dataType'], 'int8'],
      [['layout'], 'CHWN'],
      [['mathType'], 'fast'],
      [['device'], -1],
      [['workspaceLimit'], -1],
    ],
    objects: [{ path: [], owner: 'cuDNN convolution', keys: CONFIG_KEYS }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: 'ok',
  },
  {
    name: 'cudnn.selectConvolutionAlgorithm config',
    valid: config,
    run: (c) => cudnn.selectConvolutionAlgorithm('forward', c as never),
    invalid: [[['input', 1], 5], [['layout'], 'CHWN']],
    objects: [{ path: [], owner: 'cuDNN convolution', keys: CONFIG_KEYS }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: convOutcome,
  },
  {
    name: 'cudnn.convolutionForward options',
    valid: () => ({ algo: 'GEMM' }),
    run: (o) => cudnn.convolutionForward(config() as never, null as never, null as never, null as never, o as never),
    invalid: [[['algo'], 'NOPE']],
    objects: [{ path: [], owner: 'cudnn.convolutionForward', keys: ['algo'] }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    // With a device and cuDNN, the next check is the buffers (null here).
    expected: cudnnReady ? 'ERR_INVALID_ARG_TYPE' : convOutcome,
  },
  {
    name: 'cuDNN selection flags',
    valid: () => ({ deterministic: true, benchmark: false }),
    run: (f) => chooseWithPerf('forward', config() as never, f as never, perf()),
    invalid: [[['deterministic'], 'yes'], [['benchmark'], 1]],
    objects: [{ path: [], owner: 'cuDNN selection', keys: ['deterministic', 'benchmark'] }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: () => cudnn.algorithmCache(),
    expected: 'ok',
  },
  {
    name: 'cuDNN perf results',
    valid: perf,
    run: (p) => selectFromPerf('forward', { deterministic: false, benchmark: true }, p as never, 1024),
    invalid: [[[0, 'algo'], 'x'], [[0, 'status'], 0.5], [[0, 'time'], 'x'], [[1, 'memory'], -1], [[1, 'determinism'], 2 ** 40], [[1, 'mathType'], 'x']],
    objects: [{ path: [1], owner: 'a cuDNN perf result', keys: ['algo', 'status', 'statusName', 'time', 'memory', 'determinism', 'mathType'] }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: 'ok',
  },
  {
    name: 'verifyCudnn options',
    valid: () => ({ device: 0, repeats: 2, progress: false, shapes: [{ name: 'tiny', config: { input: [1, 1, 4, 4], filter: [1, 1, 3, 3] } }] }),
    run: async (o) => (await verifyCudnn(o as never)).results.length,
    invalid: [
      [['device'], -1],
      [['repeats'], 1],
      [['progress'], 'x'],
      [['shapes', 0, 'name'], 5],
      [['shapes', 0, 'config', 'input', 0], 0],
    ],
    objects: [
      { path: [], owner: 'verifyCudnn', keys: ['device', 'repeats', 'progress', 'shapes'] },
      { path: ['shapes', 0], owner: 'a verify shape', keys: ['name', 'config'] },
      { path: ['shapes', 0, 'config'], owner: 'a verify shape', keys: CONFIG_KEYS.filter((k) => k !== 'device') },
    ],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: noState,
    expected: gpu ? 'ok' : 'ERR_CUDA_UNAVAILABLE',
  },
  {
    name: 'seedWorker options',
    valid: () => ({ root: 5, workerId: 3, rank: 1, mathRandom: false, cuda: true, tfjs: false, deterministic: false }),
    run: (o) => {
      const r = seedWorker(o as never);
      return [r.seed, r.seeded, r.worker];
    },
    invalid: [[['root'], -1], [['workerId'], -1], [['rank'], 1.5], [['mathRandom'], 'x'], [['cuda'], 'x'], [['tfjs'], 'x'], [['deterministic'], 'x']],
    objects: [{ path: [], owner: 'seedWorker', keys: ['root', 'workerId', 'rank', 'deterministic', 'benchmark', 'mathRandom', 'cuda', 'tfjs', 'env'] }],
    unreadable: 'ERR_INVALID_ARG_VALUE',
    observe: () => json(getRngState()),
    expected: 'ok',
    plainOnly: true,
  },
];

for (const s of subjects) {
  test(`${s.name}: read once, validated whole, applied only as read`, async () => {
    const plain = await outcome(s.name, () => s.run(s.valid()));
    assert.is(shown(plain), s.expected, `${s.name}: the plain valid input (${plain.ok ? '' : plain.message})`);
    for (const [path, bad] of s.invalid) {
      const where = `${s.name} ${label(path)}`;
      const good = at(s.valid(), path);

      const before = json(s.observe());
      const validFirst = flipping(s.valid(), path, good, bad);
      if (s.plainOnly) {
        assert.is(shown(await outcome(where, () => s.run(validFirst.value))), s.unreadable, `${where}: a getter is refused`);
        assert.is(validFirst.reads(), 0, `${where}: a refused getter is never called`);
        assert.is(json(s.observe()), before, `${where}: a refused getter changes nothing`);
      } else {
        assert.equal(await outcome(where, () => s.run(validFirst.value)), plain, `${where}: valid on the first read, invalid after`);
        assert.is(validFirst.reads(), 1, `${where}: read once`);
      }

      const invalidFirst = flipping(s.valid(), path, bad, good);
      const refused = await outcome(where, () => s.run(invalidFirst.value));
      assert.not.ok(refused.ok, `${where}: invalid on the first read must be refused`);
      assert.is(json(s.observe()), before, `${where}: a refused call changes nothing`);

      const thrown = await outcome(where, () => s.run(throwing(s.valid(), path).value));
      assert.is(shown(thrown), s.unreadable, `${where}: a throwing getter`);
      assert.is(json(s.observe()), before, `${where}: a throwing getter changes nothing`);
    }
  });

  test(`${s.name}: a Proxy around every object and array sees each property read at most once`, async () => {
    const plain = await outcome(s.name, () => s.run(s.valid()));
    const proxied = counting(s.valid());
    if (s.plainOnly) {
      assert.is(shown(await outcome(s.name, () => s.run(proxied.value))), s.unreadable, `${s.name}: a Proxy is refused`);
      assert.equal([...proxied.reads], [], `${s.name}: a refused Proxy is never read`);
      return;
    }
    assert.equal(await outcome(s.name, () => s.run(proxied.value)), plain);
    const twice = [...proxied.reads].filter(([, n]) => n > 1);
    assert.equal(twice, [], `${s.name}: read more than once`);
    // Every value the function uses was read: the paths of the input all appear.
    const seen = new Set(proxied.reads.keys());
    const unread = leafPaths(s.valid()).map(label).filter((p) => !seen.has(p));
    assert.equal(unread, [], `${s.name}: never read`);
  });

  for (const o of s.objects ?? []) {
    test(`${s.name}: an unknown key at ${label(o.path)} is ERR_UNKNOWN_OPTION naming ${o.owner}'s own options`, async () => {
      const input = deepCopy(s.valid());
      (at(input, o.path) as Record<string, unknown>).tpyo = 1;
      const before = json(s.observe());
      const r = await outcome(s.name, () => s.run(input));
      assert.is(shown(r), 'ERR_UNKNOWN_OPTION');
      const message = r.ok ? '' : r.message;
      assert.ok(message.includes(o.owner) && message.includes('"tpyo"'), message);
      for (const key of o.keys) assert.ok(message.includes(key), `${message} lists ${key}`);
      assert.is(json(s.observe()), before);
    });
  }
}

test("the typos people make are refused, each naming the function's own options", () => {
  const cases: [string, () => unknown, string, string][] = [
    ['curand.Generator {sed}', () => new Generator('PHILOX4_32_10', { sed: 1 } as never), 'curand.Generator', 'seed'],
    ['uniform {cont}', () => drawn(new Generator('PHILOX4_32_10'), (g) => g.uniform(new Float32Array(4), { cont: 2 } as never)), 'curand.Generator.uniform', 'count'],
    ['SeedSequence {spawnkey}', () => new SeedSequence(1, { spawnkey: [1] } as never), 'SeedSequence', 'spawnKey'],
    ['cuDNN config {paddng}', () => normalizeConvolution('forward', { ...config(), paddng: 1 }), 'cuDNN convolution', 'padding'],
    ['seedWorker {workerID}', () => seedWorker({ root: 1, workerID: 2 } as never), 'seedWorker', 'workerId'],
  ];
  for (const [what, fn, owner, key] of cases) {
    const r = codeAndMessage(fn);
    assert.is(r.code, 'ERR_UNKNOWN_OPTION', what);
    assert.ok(r.message.includes(owner) && r.message.includes(key), `${what}: ${r.message}`);
  }
  // seedWorker lists its own options, not seedEverything's alone.
  assert.ok(codeAndMessage(() => seedWorker({ nope: 1 } as never)).message.includes('root, workerId, rank'));
});

test('typed arrays are measured by their internal slots: an own length or byteLength getter changes nothing', () => {
  const state = cuda.getRngState(3);
  const next = new Uint8Array(16);
  new DataView(next.buffer).setBigUint64(0, 99n, true);
  new DataView(next.buffer).setBigUint64(8, 40n, true);
  const bytes = Array.from(next);
  let reads = 0;
  for (const key of ['length', 'byteLength', 'byteOffset', 'buffer']) {
    Object.defineProperty(next, key, { get: () => (reads++, key === 'buffer' ? new ArrayBuffer(4) : 2) });
  }
  cuda.setRngState(next, 3);
  assert.equal(Array.from(cuda.getRngState(3)), bytes);
  assert.is(reads, 0);
  cuda.setRngState(state, 3);

  const out = new Uint32Array(8);
  Object.defineProperty(out, 'length', { get: () => 2 });
  const g = new Generator('PHILOX4_32_10', { seed: 11 });
  const ref = new Generator('PHILOX4_32_10', { seed: 11 });
  g.generate(out);
  assert.equal(Array.from(new Uint32Array(out.buffer)), Array.from(ref.generate(8)));
  g.close();
  ref.close();

  const seed = new Uint8Array([1, 2, 3, 4]);
  Object.defineProperty(seed, 'length', { get: () => 1 });
  assert.is(new PyRandom(seed).random(), new PyRandom(new Uint8Array([1, 2, 3, 4])).random());
});

test('a Proxy posing as a typed array is refused, and nothing is applied', () => {
  const before = Array.from(cuda.getRngState(2));
  const fake = new Proxy(new Uint8Array(16), {});
  assert.ok(fake instanceof Uint8Array);
  assert.is(shown({ ok: false, ...codeAndMessage(() => cuda.setRngState(fake, 2)) }), 'ERR_INVALID_ARG_TYPE');
  assert.equal(Array.from(cuda.getRngState(2)), before);
  const g = new Generator('PHILOX4_32_10', { seed: 1 });
  assert.is(codeAndMessage(() => g.generate(new Proxy(new Uint32Array(4), {}) as Uint32Array)).code, 'ERR_INVALID_ARG_TYPE');
  assert.is(codeAndMessage(() => g.uniform(new Proxy(new Float32Array(4), {}) as Float32Array)).code, 'ERR_INVALID_ARG_TYPE');
  g.close();
  assert.is(codeAndMessage(() => new PyRandom(new Proxy(new Uint8Array(4), {}))).code, 'ERR_INVALID_ARG_TYPE');
});

function codeAndMessage(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    return { code: (err as { code: string }).code, message: (err as Error).message };
  }
  return { code: 'no error', message: '' };
}

test.run();
