// Create/close cycles and snapshots leave resident memory bounded: 100,000 host cuRAND generators,
// 100,000 Philox objects, 10,000 getRngState() snapshots, each phase measured after a full gc.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { curand } from '../../lib/index';
import { root } from '../helpers/child';

// A leak of one small native object (a cuRAND generator is a few hundred bytes of host state plus
// our wrapper) per cycle would add 100,000 × ≥ 200 B = 20 MB; allocator noise stays far below 16.
const BOUND = 16 * 1024 * 1024;

test('resident memory stays within 16 MiB across each phase', () => {
  const r = spawnSync(process.execPath, ['--expose-gc', '--require', require.resolve('tsx/cjs'), path.join(__dirname, '..', 'programs', 'memory', 'leak-phases.ts')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 240000,
  });
  assert.is(r.status, 0, r.stderr);
  const phases = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
  console.log(`  growth (bytes) and time (ms): ${JSON.stringify(phases)}`);
  if (curand.isAvailable()) assert.ok(phases.curand < BOUND, `curand create/close grew ${phases.curand} bytes`);
  assert.ok(phases.philox < BOUND, `Philox grew ${phases.philox} bytes`);
  assert.ok(phases.snapshots < BOUND, `getRngState grew ${phases.snapshots} bytes`);
});

test.run();
