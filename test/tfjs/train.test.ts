// examples/tfjs-train.ts in separate processes: seeded runs agree bit for bit (every epoch's loss
// and the final weights); unseeded runs do not.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { root } from '../helpers/child';

function train(env: Record<string, string | undefined>): { losses: string[]; weights: string } {
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), path.join(root, 'examples', 'tfjs-train.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SEED_EVERYTHING_SEED: undefined, ...env },
    timeout: 120000,
  });
  assert.is(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('seedEverything(7) first: two processes train to identical losses and weights', () => {
  const a = train({});
  const b = train({});
  assert.is(a.losses.length, 4);
  assert.equal(a.losses, b.losses);
  assert.is(a.weights, b.weights);
  const other = train({ SEED: '8' });
  assert.is.not(other.weights, a.weights);
});

test('without seeding, two processes differ', () => {
  const a = train({ NO_SEED: '1' });
  const b = train({ NO_SEED: '1' });
  assert.is.not(a.weights, b.weights);
  assert.not.equal(a.losses, b.losses);
});

test.run();
