// The addon under valgrind's memcheck: no invalid read or write, no use of uninitialised memory,
// no definite leak, across every native path test/programs/memory/native-workload.js reaches
// (threads and async work included). Node and V8 keep much of their memory alive to the end on
// purpose; the few records of theirs that valgrind reports as lost are suppressed by name in
// valgrind.supp.
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { root } from '../helpers/child';
import { requires } from '../helpers/require';

const probe = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
const available = probe.status === 0;

requires('valgrind', available, 'valgrind is not installed (apt-get install valgrind)')(
  'native workload under memcheck: 0 errors, 0 bytes definitely lost',
  () => {
    const t0 = Date.now();
    const r = spawnSync(
      'valgrind',
      [
        '--error-exitcode=99',
        '--leak-check=full',
        '--errors-for-leak-kinds=definite',
        '--num-callers=30',
        `--suppressions=${path.join(__dirname, 'valgrind.supp')}`,
        process.execPath,
        path.join(__dirname, '..', 'programs', 'memory', 'native-workload.js'),
      ],
      // Under memcheck the workload runs about 50x slower than natively (about a minute here).
      { cwd: root, encoding: 'utf8', timeout: 300000, maxBuffer: 64 * 1024 * 1024 },
    );
    const log = `${r.stdout}\n${r.stderr}`;
    console.log(`  valgrind: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const line of log.split('\n')) if (/ERROR SUMMARY|definitely lost|indirectly lost/.test(line)) console.log(`  ${line}`);
    assert.ok(r.stdout.includes('workload ok'), log.slice(-8000));
    assert.is(r.status, 0, log.slice(-8000));
    assert.match(log, /ERROR SUMMARY: 0 errors/);
    // With no unsuppressed definite leak, memcheck prints either a zero or no such line.
    const lost = /definitely lost: ([\d,]+) bytes/.exec(log);
    if (lost) assert.is(lost[1], '0', log.slice(-8000));
  },
);

test.run();
