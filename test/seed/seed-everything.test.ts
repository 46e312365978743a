import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { cuda, cudnn, defaults, mathRandom, seedEverything } from '../../lib/index';
import { root } from '../helpers/child';

function drawAll(seed: string | undefined, env: Record<string, string | undefined> = {}) {
  const args = ['--require', require.resolve('tsx/cjs'), path.join(__dirname, '..', 'programs', 'seed', 'draw-all.ts')];
  if (seed !== undefined) args.push(seed);
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', env: { ...process.env, SEED_EVERYTHING_SEED: undefined, ...env } });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, string>;
}

test('two processes seeded alike draw identical 10^6-value streams; another seed changes every stream', () => {
  const a = drawAll('42');
  const b = drawAll('42');
  assert.equal(a, b);
  const c = drawAll('43');
  for (const stream of ['Math.random', 'python', 'numpy', 'torch', 'philox']) {
    assert.type(a[stream], 'string');
    assert.is.not(a[stream], c[stream], `${stream} must change with the seed`);
  }
});

test('no seed: SEED_EVERYTHING_SEED is used, else a fresh seed is reported so the run can be repeated', () => {
  const fromEnv = drawAll(undefined, { SEED_EVERYTHING_SEED: '42' });
  assert.is(fromEnv.source, 'env');
  assert.equal({ ...fromEnv, source: 'argument' }, drawAll('42'));
  const fresh = drawAll(undefined);
  assert.is(fresh.source, 'random');
  const again = drawAll(fresh.seed);
  assert.equal({ ...fresh, source: 'argument' }, again);
});

test('the report says what was seeded and what was skipped and why', () => {
  const r = seedEverything(7, { deterministic: true, tfjs: false });
  assert.is(r.seed, 7n);
  assert.is(r.source, 'argument');
  for (const s of ['Math.random', 'defaults.python', 'defaults.numpy', 'defaults.torch', 'defaults.philox', 'cudnn', 'SEED_EVERYTHING_SEED']) assert.ok(r.seeded.includes(s), s);
  assert.is(r.scope, 'process');
  assert.ok(r.skipped.some((s) => s.source === 'tfjs' && /option tfjs: false/.test(s.reason)));
  assert.equal(r.cudnn, { deterministic: true, benchmark: false, changed: true });
  assert.is(cudnn.deterministic, true);
  assert.is(cudnn.benchmark, false);
  assert.is(process.env.SEED_EVERYTHING_SEED, '7');
  assert.is(r.cuda.lazy, true);
  assert.is(cuda.initialSeed(0), 7n);
  assert.is(cuda.initialSeed(3), 7n);
  assert.is(mathRandom.installed, true);
  const string = seedEverything('experiment');
  assert.is(string.source, 'string');
  mathRandom.restore();
  assert.is(mathRandom.installed, false);
});

test('no usable CUDA device: a cuda entry in skipped says why and that the seed is recorded; with one, cuda is seeded', () => {
  const r = seedEverything(7, { tfjs: false });
  assert.is(cuda.initialSeed(2), 7n, 'recorded either way');
  if (cuda.isAvailable()) {
    assert.ok(r.seeded.includes('cuda'));
    assert.equal(r.cuda, { seeded: true, seed: 7n, lazy: true, available: true });
  } else {
    assert.not.ok(r.seeded.includes('cuda'));
    assert.equal(r.cuda, { seeded: false, seed: 7n, lazy: true, available: false });
    const entry = r.skipped.find((s) => s.source === 'cuda');
    assert.ok(entry, JSON.stringify(r.skipped));
    assert.match(entry!.reason, /^no usable CUDA device: (no NVIDIA driver|no CUDA runtime|cuda\w+|no CUDA device)/);
    assert.match(entry!.reason, /seed is recorded and applies to devices used later/);
  }
  const off = seedEverything(7, { cuda: false, tfjs: false });
  assert.equal(off.skipped.find((s) => s.source === 'cuda'), { source: 'cuda', reason: 'option cuda: false' });
});

test('tfjs is listed as seeded only when what tfjs reads was seeded (Math.random), not for its variables alone', () => {
  const onlyVariables = seedEverything(7, { deterministic: true, mathRandom: false });
  assert.ok(onlyVariables.seeded.includes('TF_DETERMINISTIC_OPS') || onlyVariables.skipped.some((s) => s.source === 'TF_DETERMINISTIC_OPS'));
  assert.not.ok(onlyVariables.seeded.includes('tfjs'));
  assert.match(onlyVariables.skipped.find((s) => s.source === 'tfjs')!.reason, /Math\.random, which option mathRandom: false left unseeded/);
  // @tensorflow/tfjs (and so tfjs-core) is a devDependency of this package
  assert.ok(seedEverything(7).seeded.includes('tfjs'));
  assert.equal(seedEverything(7, { tfjs: false }).skipped.find((s) => s.source === 'tfjs'), { source: 'tfjs', reason: 'option tfjs: false' });
});

test('the default generators are seeded as Python, numpy and torch seed theirs', () => {
  seedEverything(11, { mathRandom: false });
  const d = defaults();
  assert.is(d.python.randint(1, 100), 58);
  assert.is(d.python.randint(1, 100), 72);
  assert.is(d.torch.initialSeed(), 11n);
});

test('deterministic: CUBLAS_WORKSPACE_CONFIG is set when unset, reported when already set', () => {
  delete process.env.CUBLAS_WORKSPACE_CONFIG;
  const a = seedEverything(1, { deterministic: true });
  assert.is(process.env.CUBLAS_WORKSPACE_CONFIG, ':4096:8');
  assert.ok(a.seeded.includes('CUBLAS_WORKSPACE_CONFIG'));
  process.env.CUBLAS_WORKSPACE_CONFIG = ':16:8';
  const b = seedEverything(1, { deterministic: true });
  assert.is(process.env.CUBLAS_WORKSPACE_CONFIG, ':16:8');
  assert.ok(b.skipped.some((s) => s.source === 'CUBLAS_WORKSPACE_CONFIG' && /already set/.test(s.reason)));
});

test('bad seeds and options are rejected with codes and nothing changes', () => {
  seedEverything(5, { mathRandom: false });
  const before = cuda.initialSeed();
  const cases: [() => unknown, string][] = [
    [() => seedEverything(-1), 'ERR_SEED_NEGATIVE'],
    [() => seedEverything(NaN), 'ERR_SEED_NOT_INTEGER'],
    [() => seedEverything(2 ** 60), 'ERR_SEED_UNSAFE'],
    [() => seedEverything(2n ** 64n), 'ERR_SEED_TOO_LARGE'],
    [() => seedEverything({} as unknown as number), 'ERR_SEED_TYPE'],
    [() => seedEverything(1, { deterministc: true } as unknown as object), 'ERR_UNKNOWN_OPTION'],
    [() => seedEverything(1, { cuda: 'yes' } as unknown as object), 'ERR_INVALID_ARG_TYPE'],
    [() => seedEverything(1, null as unknown as object), 'ERR_INVALID_ARG_TYPE'],
  ];
  for (const [fn, code] of cases) {
    try {
      fn();
      assert.unreachable(code);
    } catch (e) {
      assert.is((e as { code: string }).code, code);
    }
  }
  assert.is(cuda.initialSeed(), before);
});

test.run();
