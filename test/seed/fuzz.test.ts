// Hostile input to the process-wide API: seeding, snapshots, CUDA state, cuDNN flags and configs,
// workers, tfjs, doctor. Only coded errors come out, and a rejected call changes no state:
// getRngState() is the same before and after.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import * as api from '../../lib/index';
import { check, hostile, outcome, outcomeAsync, printTotal, quietly, reentrant, same, views } from '../helpers/fuzz';

const { cuda, cudnn, mathRandom, tfjs } = api;

api.seedEverything(5);
const snapshot = () => api.getRngState();

/** A rejected call must leave every generator, device state and flag as it was. */
function rejectedChangesNothing(what: string, fn: () => unknown): void {
  const before = snapshot();
  const mathBefore = Math.random;
  if (outcome(what, fn) === 'threw') {
    same(snapshot(), before, `${what}: getRngState() unchanged after a rejected call`);
    assert.is(Math.random, mathBefore, `${what}: Math.random unchanged`);
  } else {
    api.setRngState(before);
  }
}

const bools = fc.oneof(hostile, fc.boolean());
const optionsArb = fc.oneof(hostile, fc.record({ deterministic: bools, benchmark: bools, mathRandom: bools, cuda: bools, tfjs: bools, env: bools, root: hostile, workerId: hostile, rank: hostile }, { requiredKeys: [] }));

test('seedEverything, seedWorker, deriveSeed: hostile seeds, options and paths', async () => {
  await check(
    fc.property(hostile, optionsArb, fc.array(hostile, { maxLength: 3 }), (seed, options, path) => {
      rejectedChangesNothing('seedEverything', () => api.seedEverything(seed as never, options as never));
      rejectedChangesNothing('seedWorker', () => api.seedWorker(options as never));
      rejectedChangesNothing('deriveSeed', () => api.deriveSeed(seed as never, ...(path as never[])));
      rejectedChangesNothing('cudaManualSeedAll', () => api.cudaManualSeedAll(seed as never));
      rejectedChangesNothing('hashStringSeed', () => api.hashStringSeed(seed as never));
    }),
    1200,
  );
});

test('cuda.*: hostile seeds, devices and states; DeviceBuffer and the device fills are ERR_CUDA_UNAVAILABLE-or-coded', async () => {
  await check(
    fc.property(hostile, hostile, fc.oneof(hostile, views), (seed, device, state) => {
      rejectedChangesNothing('cuda.manualSeed', () => cuda.manualSeed(seed as never, device as never));
      rejectedChangesNothing('cuda.manualSeedAll', () => cuda.manualSeedAll(seed as never));
      rejectedChangesNothing('cuda.setRngState', () => cuda.setRngState(state as never, device as never));
      rejectedChangesNothing('cuda.getRngState', () => cuda.getRngState(device as never));
      rejectedChangesNothing('cuda.initialSeed', () => cuda.initialSeed(device as never));
      rejectedChangesNothing('cuda.DeviceBuffer', () => new cuda.DeviceBuffer(seed as never, device as never).close());
      rejectedChangesNothing('DeviceBuffer.from', () => api.DeviceBuffer.from(state as never, device as never).close());
      rejectedChangesNothing('cuda.uniform', () => (cuda.uniform as (...a: unknown[]) => unknown)(seed, device, state));
      rejectedChangesNothing('cuda.normal', () => (cuda.normal as (...a: unknown[]) => unknown)(seed, device, state, state));
    }),
    700,
  );
});

test('cudnn: hostile flag values and convolution configs are coded errors', async () => {
  const shape = fc.oneof(hostile, fc.array(fc.oneof(hostile, fc.integer({ min: 1, max: 64 })), { minLength: 4, maxLength: 4 }));
  const config = fc.oneof(
    hostile,
    fc.record(
      { input: shape, filter: shape, padding: hostile, stride: hostile, dilation: hostile, groups: hostile, dataType: hostile, layout: hostile, mathType: hostile, device: hostile, workspaceLimit: hostile },
      { requiredKeys: [] },
    ),
  );
  await check(
    fc.property(hostile, hostile, config, hostile, (flag, direction, conf, options) => {
      rejectedChangesNothing('cudnn.deterministic=', () => (cudnn.deterministic = flag as never));
      rejectedChangesNothing('cudnn.benchmark=', () => (cudnn.benchmark = flag as never));
      rejectedChangesNothing('selectConvolutionAlgorithm', () => cudnn.selectConvolutionAlgorithm(direction as never, conf as never));
      for (const run of [cudnn.convolutionForward, cudnn.convolutionBackwardData, cudnn.convolutionBackwardFilter]) {
        rejectedChangesNothing(run.name, () => (run as (...a: unknown[]) => unknown)(conf, flag, flag, flag, options));
      }
      assert.is(typeof cudnn.isAvailable(), 'boolean');
    }),
    800,
  );
});

test('mathRandom, setRngState, isolateRng, tfjs.seedFor, doctor, nativeApi: hostile arguments', async () => {
  const good = snapshot();
  const corrupt = fc.oneof(
    hostile,
    fc.tuple(fc.constantFrom('kind', 'version', 'rootSeed', 'mathRandom', 'defaults', 'cuda', 'cudnn'), hostile).map(([k, v]) => ({ ...good, [k]: v })),
    fc.tuple(fc.constantFrom('python', 'numpy', 'torch', 'philox'), hostile).map(([k, v]) => ({ ...good, defaults: { ...good.defaults, [k]: v } })),
    fc.tuple(fc.constantFrom('allSeed', 'devices'), hostile).map(([k, v]) => ({ ...good, cuda: { ...good.cuda, [k]: v } })),
    fc.tuple(fc.constantFrom('seed', 'offset', 'index'), hostile).map(([k, v]) => ({ ...good, mathRandom: { seed: '1', offset: '0', index: 0, [k]: v } })),
    hostile.map((v) => ({ ...good, cuda: { allSeed: '1', devices: [[0, '1', v]] } })),
  );
  await check(
    fc.property(hostile, corrupt, (value, state) => {
      rejectedChangesNothing('mathRandom.install', () => mathRandom.install(value as never));
      rejectedChangesNothing('setRngState', () => api.setRngState(state as never));
      rejectedChangesNothing('isolateRng', () => api.isolateRng(value as never));
      rejectedChangesNothing('tfjs.seedFor', () => tfjs.seedFor(value as never));
      rejectedChangesNothing('doctor', () => (api.doctor as (...a: unknown[]) => unknown)(value));
      rejectedChangesNothing('nativeApi', () => (api.nativeApi as (...a: unknown[]) => unknown)(value));
      rejectedChangesNothing('formatDoctor', () => api.formatDoctor(value as never));
      rejectedChangesNothing('detectRank', () => api.detectRank(value as never));
    }),
    1200,
  );
});

test('re-entrant arguments that reseed, snapshot or restore in the middle of a call', async () => {
  const actions = [
    () => api.seedEverything(9),
    () => api.getRngState(),
    () => api.setRngState(api.getRngState()),
    () => mathRandom.restore(),
    () => (cudnn.deterministic = !cudnn.deterministic),
    () => cuda.manualSeedAll(3),
  ];
  await check(
    fc.asyncProperty(fc.nat(actions.length - 1), fc.nat(7), fc.nat(20), async (a, target, pick) => {
      const arg = fc.sample(reentrant(quietly(actions[a])), { numRuns: 1, seed: pick })[0];
      const calls: (() => unknown)[] = [
        () => api.seedEverything(arg as never, { deterministic: arg } as never),
        () => api.deriveSeed(1, arg as never),
        () => cuda.manualSeed(1, arg as never),
        () => cuda.setRngState(arg as never),
        () => api.setRngState(arg as never),
        () => api.isolateRng(() => arg),
        () => api.isolateRng(async () => (Math.random(), arg)),
        () => api.seedWorker({ root: 1, workerId: arg } as never),
      ];
      await outcomeAsync(`call ${target} re-entering with action ${a}`, calls[target]);
      const s = api.getRngState();
      api.setRngState(JSON.parse(JSON.stringify(s)));
      same(api.getRngState(), s, 'a snapshot taken afterwards still round-trips');
    }),
    1000,
  );
});

test.after(() => printTotal('fuzz-seed'));
test.run();
