#!/usr/bin/env node
'use strict';
// Runs every test file in its own process (generators, Math.random, env vars and cuDNN flags
// are process-wide, so files must not see each other's state), two at a time, and ends with
// one line "N passed, N failed, N skipped" that CI reads.
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

function runFile(file) {
  return new Promise((resolve) => {
    const rel = path.relative(root, file);
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), file], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), Number(process.env.TEST_FILE_TIMEOUT_MS || 600000));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
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

(async () => {
  const queue = files.slice();
  const jobs = Number(process.env.TEST_JOBS || Math.max(1, Math.min(2, os.cpus().length)));
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (queue.length) await runFile(queue.shift());
    }),
  );
  if (broken.length) console.log(`\nbroken test files:\n  ${broken.join('\n  ')}`);
  if (requiredSkips.length) {
    console.log(`\nskipped although SEED_EVERYTHING_REQUIRE demands them:\n  ${requiredSkips.join('\n  ')}`);
    totals.failed += requiredSkips.length;
  }
  if (totals.propertyCases) console.log(`\nproperty-based cases run: ${totals.propertyCases}`);
  console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed ? 1 : 0;
})();
