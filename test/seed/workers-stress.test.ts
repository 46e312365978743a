// Eight worker threads seed, draw, snapshot and create cuRAND generators at once while the main
// thread flips the process-wide cuDNN flags and three workers are terminated mid-work. The process
// must exit cleanly, and the workers that finish must draw the same, distinct streams every run.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { root } from '../helpers/child';

interface Outcome {
  flips: number;
  doomed: number[];
  results: { workerId: number; digest?: string; exitCode: number; terminated: boolean }[];
}

// Its own process: a native crash in a worker takes the whole process down, and that is the
// failure this test is looking for.
function scenario(): Outcome {
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), require.resolve('../programs/seed/stress-main.ts')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60000,
  });
  const where = `signal=${r.signal} status=${r.status}\n${r.stderr}`;
  assert.is(r.signal, null, `no native crash: ${where}`);
  assert.is(r.status, 0, where);
  const lines = r.stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as Outcome;
}

const runs: Outcome[] = [];

test('the stress scenario exits 0 with no native crash, twice', () => {
  runs.push(scenario(), scenario());
  for (const run of runs) {
    assert.ok(run.flips > 0, 'the cuDNN flags were flipped during the run');
    assert.is(run.doomed.length, 3);
    assert.is(run.results.length, 8);
    for (const w of run.results) {
      if (run.doomed.includes(w.workerId)) {
        assert.ok(w.terminated, `worker ${w.workerId} was terminated`);
        assert.is(w.exitCode, 1, `terminated worker ${w.workerId} exit code`);
        assert.is(w.digest, undefined, `worker ${w.workerId} was stopped mid-work, before finishing`);
      } else {
        assert.is(w.exitCode, 0, `worker ${w.workerId} exit code`);
        assert.match(w.digest ?? '', /^[0-9a-f]{64}$/);
      }
    }
  }
});

test('the finished workers draw identical streams across runs, distinct from each other', () => {
  assert.is(runs.length, 2, 'both runs completed');
  const [a, b] = runs;
  assert.equal(a.doomed, b.doomed, 'the seeded choice of workers to terminate is the same');
  const digests = (run: Outcome) => run.results.filter((w) => !w.terminated).map((w) => [w.workerId, w.digest]);
  assert.is(digests(a).length, 5);
  assert.equal(digests(a), digests(b));
  assert.is(new Set(digests(a).map(([, d]) => d)).size, 5);
});

test.run();
