#!/usr/bin/env node
'use strict';
// Runs every test file in its own process (generators, Math.random, env vars and cuDNN flags
// are process-wide, so files must not see each other's state), two at a time, and ends with
// one line "N passed, N failed, N skipped" that CI reads. Each file gets a "# done" line with its
// counts, time and peak RSS as it finishes; a file still running after a while says so, so that
// minutes never pass silently. Peak RSS is the largest process of the file's process tree, as
// GNU time (/usr/bin/time, Debian package `time`) reads it from wait4().
//   node scripts/run-tests.js [--gpu] [filter ...]
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
if (gpuOnly) files = files.filter((f) => f.includes(`${path.sep}gpu${path.sep}`));
if (filters.length) files = files.filter((f) => filters.some((x) => path.relative(root, f).includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const strip = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
const totals = { passed: 0, failed: 0, skipped: 0, propertyCases: 0 };
const broken = [];
const requiredSkips = [];
const peaks = [];
const timeBin = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
const rssDir = fs.mkdtempSync(path.join(os.tmpdir(), 'se-test-rss-'));
const running = new Set();
const mb = (kb) => `${Math.round(kb / 1024)} MB`;

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
    const rssFile = path.join(rssDir, `${index}.txt`);
    const command = [process.execPath, '--require', require.resolve('tsx/cjs'), file];
    const argv = timeBin ? [timeBin, '-q', '-f', '%M', '-o', rssFile, ...command] : command;
    // Its own process group, so that a timeout ends the whole tree, not only GNU time.
    const child = spawn(argv[0], argv.slice(1), {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
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
      const text = strip(out);
      const num = (label) => {
        const m = text.match(new RegExp(`^\\s*${label}:\\s+(\\d+)`, 'm'));
        return m ? Number(m[1]) : null;
      };
      const total = num('Total');
      const passed = num('Passed');
      const skipped = num('Skipped');
      for (const m of text.matchAll(/^REQUIRED-SKIP (.*)$/gm)) requiredSkips.push(`${rel}: ${m[1]}`);
      for (const m of text.matchAll(/fast-check cases run in .*: (\d+)/g)) totals.propertyCases += Number(m[1]);
      process.stdout.write(`\n# ${rel}\n${text.trimEnd()}\n`);
      const counts = total === null || passed === null ? 'no uvu summary' : `passed ${passed}, failed ${total - passed}, skipped ${skipped ?? 0}`;
      console.log(`# done ${rel}: ${counts}, exit ${code ?? signal}, ${seconds} s${peak === null ? '' : `, peak RSS ${mb(peak)}`}`);
      if (total === null || passed === null) {
        broken.push(`${rel} (exit ${code ?? signal}, no uvu summary)`);
        totals.failed += 1;
      } else {
        totals.passed += passed;
        totals.failed += total - passed;
        totals.skipped += skipped ?? 0;
        if (code !== 0 && total === passed) {
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
  fs.rmSync(rssDir, { recursive: true, force: true });
  if (peaks.length) {
    const top = peaks.sort((a, b) => b.peak - a.peak).slice(0, 3);
    console.log(`\npeak RSS of one test file's processes: ${top.map((p) => `${mb(p.peak)} ${p.rel}`).join(', ')}`);
  } else if (!timeBin) console.log('\npeak RSS not measured: /usr/bin/time (Debian package time) is missing');
  if (broken.length) console.log(`\nbroken test files:\n  ${broken.join('\n  ')}`);
  if (requiredSkips.length) {
    console.log(`\nskipped although SEED_EVERYTHING_REQUIRE demands them:\n  ${requiredSkips.join('\n  ')}`);
    totals.failed += requiredSkips.length;
  }
  if (totals.propertyCases) console.log(`\nproperty-based cases run: ${totals.propertyCases}`);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed ? 1 : 0;
})();
