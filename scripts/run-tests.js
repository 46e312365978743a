#!/usr/bin/env node
'use strict';
// Runs every test file in its own process (generators, Math.random, env vars and cuDNN flags
// are process-wide, so files must not see each other's state), two at a time, and ends with
// one line "N passed, N failed, N skipped" that CI reads. It only spawns and sums: each file writes
// its counts as JSON to the file SEED_EVERYTHING_TEST_RESULT names (test/helpers/test.ts), and a
// test that must run and cannot fails inside its file. Each file gets a "# done" line with its
// counts, time and peak RSS as it finishes; a file still running after a while says so, so that
// minutes never pass silently. Peak RSS is the largest process of the file's process tree, as
// GNU time (/usr/bin/time, Debian package `time`) reads it from wait4().
//   node scripts/run-tests.js [--gpu] [filter ...]   (--gpu: only the *.gpu.test.ts files)
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const os = require('node:os');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const gpuOnly = args.includes('--gpu');
const filters = args.filter((a) => !a.startsWith('--'));

function collect(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...collect(full));
    else if (/\.test\.ts$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

let files = collect(path.join(root, 'test'));
if (gpuOnly) files = files.filter((f) => f.endsWith('.gpu.test.ts'));
if (filters.length) files = files.filter((f) => filters.some((x) => path.relative(root, f).includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
const totals = { passed: 0, failed: 0, skipped: 0, propertyCases: 0 };
const broken = [];
const peaks = [];
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'se-test-run-'));
const running = new Set();
const mb = (kb) => `${Math.round(kb / 1024)} MB`;

// The counts the file's test/helpers/test.ts wrote at exit, or null when it wrote none.
function readResult(file) {
  try {
    const r = JSON.parse(fs.readFileSync(file, 'utf8'));
    return ['passed', 'failed', 'skipped'].every((k) => Number.isInteger(r[k]) && r[k] >= 0) ? r : null;
  } catch {
    return null;
  }
}

// The last line GNU time wrote: max RSS in KiB (a line about a failed command may come first).
function readPeak(file) {
  try {
    const kb = Number(fs.readFileSync(file, 'utf8').trim().split('\n').pop());
    return Number.isFinite(kb) && kb > 0 ? kb : null;
  } catch {
    return null;
  }
}

function runFile(file, index) {
  return new Promise((resolve) => {
    const rel = path.relative(root, file);
    const started = Date.now();
    const rssFile = path.join(workDir, `${index}.rss.txt`);
    const resultFile = path.join(workDir, `${index}.result.json`);
    const command = [process.execPath, '--require', require.resolve('tsx/cjs'), file];
    const argv = timeBin ? [timeBin, '-q', '-f', '%M', '-o', rssFile, ...command] : command;
    // Its own process group, so that a timeout ends the whole tree, not only GNU time.
    const child = spawn(argv[0], argv.slice(1), {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', SEED_EVERYTHING_TEST_RESULT: resultFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    running.add(child);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const killTree = () => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    };
    const timer = setTimeout(killTree, Number(process.env.TEST_FILE_TIMEOUT_MS || 600000));
    const progress = setInterval(() => console.log(`# running ${rel} (${Math.round((Date.now() - started) / 1000)} s so far)`), 30000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(progress);
      running.delete(child);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const peak = readPeak(rssFile);
      if (peak !== null) peaks.push({ rel, peak });
      const result = readResult(resultFile);
      process.stdout.write(`\n# ${rel}\n${strip(out).trimEnd()}\n`);
      const counts = result === null ? 'no result written' : `passed ${result.passed}, failed ${result.failed}, skipped ${result.skipped}`;
      console.log(`# done ${rel}: ${counts}, exit ${code ?? signal}, ${seconds} s${peak === null ? '' : `, peak RSS ${mb(peak)}`}`);
      if (result === null) {
        broken.push(`${rel} (exit ${code ?? signal}, no result written)`);
        totals.failed += 1;
      } else {
        totals.passed += result.passed;
        totals.failed += result.failed;
        totals.skipped += result.skipped;
        totals.propertyCases += result.propertyCases || 0;
        if (code !== 0 && result.failed === 0) {
          broken.push(`${rel} (exit ${code ?? signal} after all tests passed)`);
          totals.failed += 1;
        }
      }
      resolve();
    });
  });
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const child of running) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
    process.exit(130);
  });
}

(async () => {
  const queue = files.map((file, index) => ({ file, index }));
  const jobs = Number(process.env.TEST_JOBS || Math.max(1, Math.min(2, os.cpus().length)));
  console.log(`# ${files.length} test files, ${jobs} at a time`);
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (queue.length) {
        const next = queue.shift();
        await runFile(next.file, next.index);
      }
    }),
  );
  fs.rmSync(workDir, { recursive: true, force: true });
  if (peaks.length) {
    const top = peaks.sort((a, b) => b.peak - a.peak).slice(0, 3);
    console.log(`\npeak RSS of one test file's processes: ${top.map((p) => `${mb(p.peak)} ${p.rel}`).join(', ')}`);
  } else if (!timeBin) console.log('\npeak RSS not measured: /usr/bin/time (Debian package time) is missing');
  if (broken.length) console.log(`\nbroken test files:\n  ${broken.join('\n  ')}`);
  if (totals.propertyCases) console.log(`\nproperty-based cases run: ${totals.propertyCases}`);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed ? 1 : 0;
})();
