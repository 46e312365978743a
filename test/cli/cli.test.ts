// The command line as a shell user meets it: `seed-everything <command>` in a child process.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as assert from 'uvu/assert';
import { test } from '../helpers/test';

const root = path.resolve(__dirname, '..', '..');
const cli = path.join(root, 'lib', 'cli', 'index.ts');
const tsx = require.resolve('tsx/cjs');

function run(args: string[], stdout: 'pipe' | number = 'pipe') {
  const r = spawnSync(process.execPath, ['--require', tsx, cli, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'], timeout: 60000 });
  return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr };
}

test('every command answers --help and -h: usage on stdout, exit 0', () => {
  for (const args of [['--help'], ['doctor', '--help'], ['verify', '--help'], ['diff', '--help'], ['verify', '-h']]) {
    const r = run(args);
    assert.is(r.status, 0, args.join(' '));
    assert.match(r.stdout, /^usage: seed-everything/, args.join(' '));
    assert.is(r.stderr, '', args.join(' '));
  }
  assert.match(run(['doctor', '--help']).stdout, 'seed-everything doctor [--json]');
  assert.match(run(['verify', '--help']).stdout, '--repeats K');
});

test('--opt=value is the same as --opt value', () => {
  // Without a GPU verify stops at "cannot run here" (2), after its options were accepted.
  for (const args of [['verify', '--repeats=5'], ['verify', '--repeats', '5'], ['verify', '--device=0', '--repeats=3']]) {
    const r = run(args);
    assert.ok(r.status === 2 || r.status === 0 || r.status === 1, `${args.join(' ')}: exit ${r.status}: ${r.stderr}`);
    assert.not.match(r.stderr, 'usage:', args.join(' '));
  }
  assert.is(run(['verify', '--repeats=1']).status, 64);
  const diff = run(['diff', '--runs=1', '--', 'true']);
  assert.is(diff.status, 64);
  assert.match(diff.stderr, '--runs must be an integer from 2');
});

test('bad usage: the message and the usage on stderr, nothing on stdout, exit 64', () => {
  const cases: [string[], string][] = [
    [[], 'no command given'],
    [['frobnicate'], 'unknown command: frobnicate'],
    [['doctor', '--bogus'], "Unknown option '--bogus'"],
    [['doctor', '--json=yes'], "'--json' does not take an argument"],
    [['verify', '--device'], "'--device <value>' argument missing"],
    [['verify', '--repeats', 'x'], '--repeats needs a non-negative integer'],
    [['verify', '--repeats', '10001'], '--repeats must be in [2, 10000]'],
    [['diff', '--runs', '3'], 'put the command to run after --'],
  ];
  for (const [args, message] of cases) {
    const r = run(args);
    assert.is(r.status, 64, args.join(' '));
    assert.is(r.stdout, '', args.join(' '));
    assert.match(r.stderr, message, args.join(' '));
    assert.match(r.stderr, 'usage: seed-everything', args.join(' '));
  }
});

test('a failed write to stdout exits 74 and says so on stderr (> /dev/full)', () => {
  for (const args of [['doctor', '--json'], ['doctor'], ['--help'], ['verify', '--help'], ['verify', '--json'], ['--version']]) {
    const full = fs.openSync('/dev/full', 'w');
    try {
      const r = run(args, full);
      assert.is(r.status, 74, args.join(' '));
      assert.match(r.stderr, 'could not write the report to stdout', args.join(' '));
    } finally {
      fs.closeSync(full);
    }
  }
});

test('doctor --json is the JSON report; --version the package version', () => {
  const r = run(['doctor', '--json']);
  assert.is(r.status, 0);
  assert.is(JSON.parse(r.stdout).schema, 1);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  assert.is(run(['--version']).stdout.trim(), pkg.version);
});

test.run();
