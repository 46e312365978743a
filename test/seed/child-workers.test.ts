// Worker identity on the paths users take: real child_process.fork children get their id from
// workerEnv (or options.workerId) and refuse to guess one; a pool of worker_threads started in a
// random order seeds per task with seedTask, the same on every run.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { fork } from 'node:child_process';
import { randomInt } from 'node:crypto';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { deriveSeed, seedEverything, workerEnv } from '../../lib/index';
import { throwsCode } from '../helpers/errors';

const childFile = path.join(__dirname, '..', 'programs', 'seed', 'fork-worker.ts');
const tsx = require.resolve('tsx/cjs');

interface ChildAnswer {
  ok: boolean;
  seed?: string;
  root?: string;
  path?: string;
  idSource?: string;
  rank?: number;
  rootSeed?: string | null;
  draws?: number[];
  code?: string;
  message?: string;
  children: ChildAnswer[];
}

function forkChild(env: NodeJS.ProcessEnv, plan: object = {}): Promise<ChildAnswer> {
  const child = fork(childFile, [JSON.stringify(plan)], { env, execArgv: ['--require', tsx] });
  return new Promise((resolve, reject) => {
    let answer: ChildAnswer | undefined;
    child.once('message', (m) => (answer = m as ChildAnswer));
    child.once('error', reject);
    child.once('exit', (code) => (answer ? resolve(answer) : reject(new Error(`child exited ${code} without answering`))));
  });
}

const workers = (n: number, extra: (i: number) => object = () => ({})) =>
  Promise.all(Array.from({ length: n }, (_, i) => forkChild({ ...process.env, ...workerEnv(i, extra(i)) })));

seedEverything(42);

test('forked children started with workerEnv(i) draw distinct streams, the same on every run', async () => {
  const a = await workers(3);
  const b = await workers(3);
  for (const [i, r] of a.entries()) {
    assert.ok(r.ok, r.message);
    assert.is(r.seed, deriveSeed(42, 'worker', 0, i).toString());
    assert.equal([r.path, r.idSource, r.root, r.rootSeed], [String(i), 'env', '42', '42']);
  }
  assert.is(new Set(a.map((r) => r.draws!.join())).size, 3);
  assert.equal(a.map((r) => r.draws), b.map((r) => r.draws));
});

test('a forked child with no id throws ERR_WORKER_ID_REQUIRED naming the fix, instead of sharing a stream', async () => {
  const [x, y] = await Promise.all([forkChild(process.env), forkChild(process.env)]);
  for (const r of [x, y]) {
    assert.is(r.ok, false);
    assert.is(r.code, 'ERR_WORKER_ID_REQUIRED');
    assert.match(r.message!, /workerEnv\(id\)/);
    assert.match(r.message!, /seedWorker\(\{ workerId \}\)/);
  }
});

test('options.workerId and workerEnv rank work in a child; the rank enters the derivation', async () => {
  const byOption = await forkChild(process.env, { options: { workerId: 7 } });
  assert.equal([byOption.seed, byOption.idSource], [deriveSeed(42, 'worker', 0, 7).toString(), 'option']);
  const [ranked] = await workers(1, () => ({ rank: 3 }));
  assert.equal([ranked.seed, ranked.rank], [deriveSeed(42, 'worker', 3, 0).toString(), 3]);
});

test("a worker's own children nest under its id; one that merely inherits the id is refused", async () => {
  const r = await forkChild({ ...process.env, ...workerEnv(1) }, { children: [{ workerEnv: 2 }, { inherit: true }] });
  assert.ok(r.ok, r.message);
  const [nested, inherited] = r.children;
  assert.equal([nested.path, nested.seed], ['1.2', deriveSeed(42, 'worker', 0, 1, 2).toString()]);
  assert.is.not(nested.seed, deriveSeed(42, 'worker', 0, 2).toString());
  assert.is(inherited.code, 'ERR_WORKER_ID_REQUIRED');
  assert.match(inherited.message!, /inherited: worker process \d+ already uses it/);
});

test('workerEnv refuses bad ids and options with codes', () => {
  throwsCode(() => workerEnv(-1), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => workerEnv(1.5), RangeError, 'ERR_OUT_OF_RANGE');
  throwsCode(() => workerEnv(1, { rnak: 1 } as never), TypeError, 'ERR_UNKNOWN_OPTION');
  assert.equal(workerEnv(4, { rank: 2, root: 9 }), {
    SEED_EVERYTHING_SEED: '9',
    SEED_EVERYTHING_WORKER_ID: '4',
    SEED_EVERYTHING_WORKER_PID: '',
    SEED_EVERYTHING_RANK: '2',
  });
});

interface TaskResult {
  taskId: number;
  threadId: number;
  seed: string;
  draws: number[];
}

// Four threads start after random delays and take tasks as they come free: which thread runs a
// task differs between runs, the task's numbers must not.
async function runPool(tasks: number): Promise<{ results: Map<number, TaskResult>; order: number[]; ranBy: number[] }> {
  const pool = Array.from({ length: 4 }, () => new Worker(path.join(__dirname, '..', 'programs', 'seed', 'pool-worker.js'), { workerData: { tsx, delayMs: randomInt(0, 60) } }));
  const results = new Map<number, TaskResult>();
  const order: number[] = [];
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    for (const w of pool) {
      w.on('error', reject);
      w.on('message', (m: { type: string } & TaskResult) => {
        if (m.type === 'ready') order.push(m.threadId);
        else results.set(m.taskId, m);
        if (results.size === tasks) resolve();
        else if (next < tasks) w.postMessage({ taskId: next++ });
      });
    }
  });
  await Promise.all(pool.map((w) => w.terminate()));
  const first = Math.min(...order);
  return { results, order: order.map((t) => t - first), ranBy: [...results.values()].map((r) => r.threadId - first) };
}

test('a worker_threads pool started in random order: seedTask(taskId) streams are distinct and the same on every run', async () => {
  const a = await runPool(24);
  const b = await runPool(24);
  for (let t = 0; t < 24; t++) {
    assert.is(a.results.get(t)!.seed, deriveSeed(42, 'task', 0, t).toString());
    assert.equal(a.results.get(t)!.draws, b.results.get(t)!.draws, `task ${t}`);
  }
  assert.is(new Set([...a.results.values()].map((r) => r.draws.join())).size, 24);
  const perThread = (r: { ranBy: number[] }) => [0, 1, 2, 3].map((t) => r.ranBy.filter((x) => x === t).length).join('/');
  console.log(`  threads ready in order ${a.order.join('')} then ${b.order.join('')}; tasks per thread ${perThread(a)} then ${perThread(b)}`);
});

test.run();
