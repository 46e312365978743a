// Each test file reports {passed, failed, skipped} as JSON through SEED_EVERYTHING_TEST_RESULT, and a
// test that SEED_EVERYTHING_REQUIRE demands but cannot run fails inside its own file.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as assert from 'uvu/assert';
import { test } from '../helpers/test';

const program = path.join(__dirname, '..', 'programs', 'core', 'counted-file.ts');

function runFile(outcomes: string[], env: Record<string, string> = {}): { status: number | null; result: unknown; output: string } {
  const resultFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'se-result-')), 'r.json');
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), program, ...outcomes], {
    encoding: 'utf8',
    env: { ...process.env, SEED_EVERYTHING_REQUIRE: '', ...env, SEED_EVERYTHING_TEST_RESULT: resultFile },
  });
  const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : null;
  fs.rmSync(path.dirname(resultFile), { recursive: true, force: true });
  return { status: r.status, result, output: r.stdout + r.stderr };
}

test('passes, failures and skips are counted; a failure exits non-zero', () => {
  const r = runFile(['pass', 'fail', 'pass', 'skip']);
  assert.equal(r.result, { passed: 2, failed: 1, skipped: 1, propertyCases: 0 });
  assert.is.not(r.status, 0);
  const ok = runFile(['pass', 'skip']);
  assert.equal(ok.result, { passed: 1, failed: 0, skipped: 1, propertyCases: 0 });
  assert.is(ok.status, 0);
});

test('a missing feature skips, unless SEED_EVERYTHING_REQUIRE names it: then the test fails', () => {
  const skipped = runFile(['pass', 'needs']);
  assert.equal(skipped.result, { passed: 1, failed: 0, skipped: 1, propertyCases: 0 });
  assert.is(skipped.status, 0);
  const demanded = runFile(['pass', 'needs'], { SEED_EVERYTHING_REQUIRE: 'curand,nvcc' });
  assert.equal(demanded.result, { passed: 1, failed: 1, skipped: 0, propertyCases: 0 });
  assert.is.not(demanded.status, 0);
  assert.match(demanded.output, 'nvcc unavailable: not installed here');
});

test('tests registered before a crash count as failed', () => {
  const r = runFile(['pass', 'pass', 'crash']);
  assert.equal(r.result, { passed: 0, failed: 2, skipped: 0, propertyCases: 0 });
  assert.is.not(r.status, 0);
});

test.run();
