// `seed-everything diff` over real child processes running test/programs/trace/inject.ts: where it
// reports the runs apart, what it says about them, its exit status and its options.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { root } from '../helpers/child';
import type { DiffFailure, DiffReport } from '../../lib/trace/diff';
import { cli, counterFile, program, tempDir, tsx } from './run-diff';

const inject = program('inject.ts');

function json<T = DiffReport>(args: string[], env: Record<string, string> = {}): { status: number | null; report: T; stderr: string } {
  const r = cli(['diff', '--json', ...args, '--', ...inject], { RUN_COUNTER: counterFile(), ...env });
  try {
    return { status: r.status, report: JSON.parse(r.stdout) as T, stderr: r.stderr };
  } catch {
    throw new Error(`no JSON report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

test('a deterministic program: identical, with its checkpoint count, exit 0', () => {
  const r = cli(['diff', '--', ...inject], { RUN_COUNTER: counterFile() });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^identical: 2 runs of .*inject\.ts \(seed \d+, fresh: SEED_EVERYTHING_SEED=\d+ repeats it\), 21 checkpoints each$/m);
  assert.match(r.stdout, /^environment: no differences in seed, doctor, TF_\*, CUBLAS_\*, CUDA_\*, SEED_EVERYTHING_\*$/m);
  assert.match(r.stderr, /run 1\/2: 21 checkpoints, [\d.]+ s, done/);
  assert.match(r.stderr, /run 2\/2: 21 checkpoints/);
  const j = json([]);
  assert.is(j.status, 0);
  assert.is(j.report.identical, true);
  assert.is(j.report.schema, 1);
  assert.is(j.report.checkpoints, 21);
  assert.equal(j.report.perRun.map((p) => p.checkpoints), [21, 21]);
  assert.is(j.report.firstDivergence, null);
  assert.is(j.report.divergentCheckpoints, 0);
  assert.equal(j.report.environment.differences, []);
  assert.equal(Object.keys(j.report).sort(), ['checkpoints', 'command', 'divergentCheckpoints', 'environment', 'firstDivergence', 'identical', 'kept', 'perRun', 'runs', 'schema', 'seed', 'seedSource']);
});

test('divergence injected at checkpoint 7 is reported there, not before, not after', () => {
  const j = json(['--runs', '3'], { DIVERGE_AT: '7' });
  assert.is(j.status, 1);
  const d = j.report.firstDivergence!;
  assert.is(j.report.identical, false);
  assert.is(j.report.runs, 3);
  assert.is(d.checkpoint, 'step');
  assert.is(d.occurrence, 7);
  assert.is(d.position, 8);
  assert.is(d.thread, 0);
  assert.is(d.reason, 'values');
  assert.equal(d.lastIdentical, { checkpoint: 'step', occurrence: 6, position: 7 });
  assert.equal(d.groups, [[1], [2], [3]]);
  assert.equal(d.differingRuns, [2, 3]);
  assert.equal(d.runs.map((v) => [v.run, v.present, v.type, v.length]), [[1, true, 'float32', 64], [2, true, 'float32', 64], [3, true, 'float32', 64]]);
  assert.is(d.difference, null, 'no values kept without --keep');
  assert.is(j.report.divergentCheckpoints, 13, 'steps 7 to 19 differ; "done" does not');
  const text = cli(['diff', '--', ...inject], { RUN_COUNTER: counterFile(), DIVERGE_AT: '0' });
  assert.is(text.status, 1);
  assert.match(text.stdout, /^first divergent checkpoint: "step" occurrence 0, position 1 \(main thread\)$/m);
  assert.match(text.stdout, /last identical checkpoint: none/);
});

test('a program that records a different number of checkpoints per run is reported at the first missing one', () => {
  for (const extra of ['1', '2']) {
    const j = json([], { EXTRA_IN_RUN: extra });
    assert.is(j.status, 1);
    const d = j.report.firstDivergence!;
    assert.is(d.reason, 'missing');
    assert.equal([d.checkpoint, d.occurrence, d.position], ['step', 20, 21], 'the 21st "step", which one run never records');
    assert.equal(d.runs.map((v) => v.present), [extra === '1', extra === '2']);
    assert.equal(d.differingRuns, [2]);
    assert.equal(d.lastIdentical, { checkpoint: 'step', occurrence: 19, position: 20 });
    assert.equal(j.report.perRun.map((p) => p.checkpoints), extra === '1' ? [22, 21] : [21, 22]);
  }
  const short = json([], { SHORT_IN_RUN: '2', CHECKPOINTS: '3' });
  const d = short.report.firstDivergence!;
  assert.equal([d.checkpoint, d.occurrence, d.position, d.reason], ['done', 0, 4, 'missing']);
  assert.equal(d.runs.map((v) => v.present), [true, false]);
  const text = cli(['diff', '--', ...inject], { RUN_COUNTER: counterFile(), SHORT_IN_RUN: '1', CHECKPOINTS: '3' });
  assert.match(text.stdout, /^ {2}run 1: missing \(it recorded 3 checkpoints in all\)$/m);
  assert.match(text.stdout, /why: a run never records this checkpoint/);
});

test('a command that fails, cannot start or records nothing exits 2 with its exit code and stderr', () => {
  const r = cli(['diff', '--', ...inject], { RUN_COUNTER: counterFile(), FAIL: '3' });
  assert.is(r.status, 2);
  assert.match(r.stderr, /could not run: run 1 of the command exited with code 3/);
  assert.match(r.stderr, /\| failing on purpose in run 1/);
  const j = json<DiffFailure>([], { FAIL: '5' });
  assert.is(j.status, 2);
  assert.is(j.report.identical, null);
  assert.is(j.report.error.exitCode, 5);
  assert.is(j.report.error.run, 1);
  assert.match(j.report.error.stderrTail, /failing on purpose in run 1/);
  const missing = cli(['diff', '--', '/nonexistent/command', 'x']);
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /could not start "\/nonexistent\/command": spawn \/nonexistent\/command ENOENT/);
  const silent = cli(['diff', '--', process.execPath, '-e', '0']);
  assert.is(silent.status, 2);
  assert.match(silent.stderr, /no run recorded a checkpoint/);
});

test('--keep: values of every divergent checkpoint, max abs and max ulp difference measured on them', () => {
  const keep = tempDir();
  const j = json(['--keep', keep], { DIVERGE_AT: '5' });
  assert.is(j.status, 1);
  const d = j.report.firstDivergence!;
  assert.is(d.occurrence, 5);
  const index = JSON.parse(fs.readFileSync(path.join(keep, 'divergent.json'), 'utf8')) as { position: number; occurrence: number; files: Record<string, string> }[];
  assert.equal(index.map((e) => e.occurrence), [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
  assert.equal(j.report.kept, { dir: keep, checkpoints: 15 });
  const [a, b] = ['1', '2'].map((run) => fs.readFileSync(path.join(keep, index[0].files[run])));
  const fa = new Float32Array(a.buffer, a.byteOffset, 64);
  const fb = new Float32Array(b.buffer, b.byteOffset, 64);
  const ua = new Uint32Array(a.buffer, a.byteOffset, 64);
  const ub = new Uint32Array(b.buffer, b.byteOffset, 64);
  let abs = 0;
  let ulp = 0;
  for (let i = 0; i < 64; i++) {
    abs = Math.max(abs, Math.abs(fa[i] - fb[i]));
    ulp = Math.max(ulp, Math.abs(ua[i] - ub[i])); // every value is positive: bit patterns are ordered
  }
  assert.ok(abs > 0.9e-3 && abs < 1.1e-3, `run 2 is off by about 1e-3 more than run 1: ${abs}`);
  assert.equal(d.difference, { maxAbs: abs, maxUlp: ulp, lengthsDiffer: false, against: 1 });
  assert.ok(fs.existsSync(path.join(keep, 'run-1.jsonl')) && fs.existsSync(path.join(keep, 'run-2.jsonl')));
  assert.equal(JSON.parse(fs.readFileSync(path.join(keep, 'report.json'), 'utf8')), j.report);
  const text = cli(['diff', '--keep', tempDir(), '--', ...inject], { RUN_COUNTER: counterFile(), DIVERGE_AT: '5' });
  assert.match(text.stdout, /max abs difference 0\.001\d*, max ulp difference \d+ \(against run 1\)/);
});

test('every run gets the same seed: the caller\'s, else one fresh seed', () => {
  for (const caller of ['12345', undefined]) {
    const keep = tempDir();
    const env: Record<string, string> = { TRACE_SEED: '1', DIVERGE_AT: '3' };
    if (caller) env.SEED_EVERYTHING_SEED = caller;
    const j = json(['--keep', keep, '--runs', '3'], env);
    assert.is(j.report.seedSource, caller ? 'caller' : 'fresh');
    if (caller) assert.is(j.report.seed, caller);
    for (const run of [1, 2, 3]) {
      const first = JSON.parse(fs.readFileSync(path.join(keep, `run-${run}.jsonl`), 'utf8').split('\n')[1]);
      assert.equal([first.name, first.first], ['seed', [j.report.seed]]);
    }
  }
});

test('what differs between the runs\' environments: variables and doctor fields', () => {
  const j = json([], { ENV_DIFFERS: '1' });
  assert.is(j.status, 0, 'the checkpoints agree');
  const diffs = Object.fromEntries(j.report.environment.differences.map((d) => [d.key, d.values]));
  assert.equal(diffs.TF_TRACE_TEST, ['run1', 'run2']);
  assert.equal(diffs['doctor.cudnn.deterministic'], ['true', 'false']);
  assert.equal(Object.keys(diffs).sort(), ['TF_TRACE_TEST', 'doctor.cudnn.deterministic']);
  const text = cli(['diff', '--', ...inject], { RUN_COUNTER: counterFile(), ENV_DIFFERS: '1' });
  assert.match(text.stdout, /^environment differences:\n {2}TF_TRACE_TEST: run 1 "run1", run 2 "run2"\n {2}doctor\.cudnn\.deterministic: run 1 "true", run 2 "false"$/m);
});

test('worker threads: each thread compared on its own', () => {
  const same = json([], { WORKER: '1' });
  assert.is(same.status, 0);
  assert.equal(same.report.perRun.map((p) => [p.checkpoints, p.threads]), [[26, 2], [26, 2]]);
  const j = json([], { WORKER: '1', WORKER_DIVERGE_AT: '2' });
  assert.is(j.status, 1);
  const d = j.report.firstDivergence!;
  assert.equal([d.thread, d.checkpoint, d.occurrence, d.position], [1, 'work', 2, 3]);
});

test('options: --help, --opt=value, errors with usage on stderr', () => {
  const help = cli(['diff', '--help']);
  assert.is(help.status, 0);
  assert.match(help.stdout, /^usage: seed-everything diff \[--runs N\] \[--json\] \[--keep DIR\] \[--html FILE\] -- <command\.\.\.>/);
  assert.is(help.stderr, '');
  assert.match(cli(['--help']).stdout, /diff \[--runs N\]/);
  const three = json(['--runs=3']);
  assert.is(three.report.runs, 3);
  assert.equal(three.report.perRun.map((p) => p.run), [1, 2, 3]);
  for (const [args, message] of [
    [['diff'], /put the command to run after --/],
    [['diff', '--'], /no command after --/],
    [['diff', '--bogus', '--', 'x'], /Unknown option '--bogus'/],
    [['diff', '--runs=1', '--', 'x'], /--runs must be an integer from 2 to 1000, not "1"/],
    [['diff', '--runs', 'two', '--', 'x'], /--runs must be an integer/],
    [['diff', '--keep=', '--', 'x'], /--keep needs a path/],
    [['diff', 'node', 'x.js'], /Unexpected argument 'node'/],
  ] as [string[], RegExp][]) {
    const r = cli(args);
    assert.is(r.status, 64, args.join(' '));
    assert.match(r.stderr, message);
    assert.match(r.stderr, /usage: seed-everything diff/);
    assert.is(r.stdout, '');
  }
});

test('a report that cannot be written to stdout exits 74', () => {
  for (const args of [['diff', '--help'], ['diff', '--json', '--', ...inject]]) {
    const full = fs.openSync('/dev/full', 'w');
    const r = spawnSync(process.execPath, ['--require', tsx, path.join(root, 'lib', 'cli', 'index.ts'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, SEED_EVERYTHING_SEED: undefined, RUN_COUNTER: counterFile() },
      stdio: ['ignore', full, 'pipe'],
    });
    fs.closeSync(full);
    assert.is(r.status, 74, r.stderr);
    assert.match(r.stderr, /could not write the report to stdout/);
  }
});

test('on a terminal the progress line is rewritten in place and cleared at the end', () => {
  // script(1) (bsdutils, essential in Debian) gives the command a pseudo-terminal
  const cmd = [process.execPath, '--require', tsx, path.join(root, 'lib', 'cli', 'index.ts'), 'diff', '--', ...inject].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', `${cmd} 2>&1 >/dev/null`, '/dev/null'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, RUN_COUNTER: counterFile(), SEED_EVERYTHING_SEED: undefined },
  });
  assert.is(r.status, 0, r.stdout);
  assert.match(r.stdout, /\r\x1b\[Kseed-everything diff: run 1\/2: 0 checkpoints, 0\.0 s/);
  assert.match(r.stdout, /\r\x1b\[Kseed-everything diff: run 2\/2: 21 checkpoints, [\d.]+ s\r\x1b\[K/);
  assert.not.match(r.stdout, /\n/, 'one line, never a new one');
});

test('interrupted: the run in progress ends too, the traces are removed, exit 128 + the signal', async () => {
  const tmp = tempDir();
  const pidFile = path.join(tempDir(), 'pid');
  const sleeper = "require('fs').writeFileSync(process.env.PID_FILE, String(process.pid)); setTimeout(() => {}, 120000)";
  const child = spawn(process.execPath, ['--require', tsx, path.join(root, 'lib', 'cli', 'index.ts'), 'diff', '--', process.execPath, '-e', sleeper], {
    cwd: root,
    env: { ...process.env, TMPDIR: tmp, PID_FILE: pidFile },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  for (let i = 0; i < 600 && !fs.existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(fs.readdirSync(tmp).some((n) => n.startsWith('seed-everything-diff-')), 'the traces live in TMPDIR while it runs');
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  child.kill('SIGTERM');
  assert.is(await exited, 143);
  let alive = true;
  for (let i = 0; i < 50 && alive; i++) {
    try {
      process.kill(pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      alive = false;
    }
  }
  assert.is(alive, false, 'the run in progress was ended');
  assert.equal(fs.readdirSync(tmp).filter((n) => n.startsWith('seed-everything-diff-')), []);
});

test.run();
