#!/usr/bin/env node
'use strict';
// npm run test:asan: builds the addon with AddressSanitizer and UBSan through cmake-js into
// build-asan/ (the node-gyp build in build/ is left alone), then runs
// test/programs/memory/native-workload.js against it. The sanitizer runtime must be the process's
// first library, and node is not built with it, hence LD_PRELOAD. Leak detection is off: V8 and
// Node keep heaps, isolates and handles alive until exit by design, which LeakSanitizer reports by
// the thousand; test/memory/valgrind.test.ts covers the addon's leaks with Node's own records
// suppressed by name.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, 'build-asan');
const config = 'RelWithDebInfo';

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const t0 = Date.now();
const cmakeJs = path.join(root, 'node_modules', 'cmake-js', 'bin', 'cmake-js');
// Node-API headers: cmake-js downloads them unless npm_config_nodedir names a prefix that has
// include/node. The running node's own prefix has them on distro and official installs, which
// keeps the build offline.
const prefix = path.resolve(path.dirname(process.execPath), '..');
const nodedir = process.env.npm_config_nodedir || (fs.existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined);
const buildEnv = nodedir ? { npm_config_nodedir: nodedir } : {};
if (run(process.execPath, [cmakeJs, 'compile', '-d', root, '-O', out, '-B', config, '--CDSEED_EVERYTHING_SANITIZE=ON'], buildEnv) !== 0) {
  console.error('asan: the sanitizer build failed');
  process.exit(1);
}
const addon = path.join(out, config, 'seed_everything.node');
if (!fs.existsSync(addon)) {
  console.error(`asan: the build did not produce ${addon}`);
  process.exit(1);
}
const built = Date.now();

const asanLib = spawnSync(process.env.CXX || 'gcc', ['-print-file-name=libasan.so'], { encoding: 'utf8' }).stdout.trim();
if (!path.isAbsolute(asanLib) || !fs.existsSync(asanLib)) {
  console.error(`asan: no libasan.so from the compiler (got "${asanLib}")`);
  process.exit(1);
}
const workload = path.join(root, 'test', 'programs', 'memory', 'native-workload.js');
const r = spawnSync(process.execPath, [workload], {
  cwd: root,
  encoding: 'utf8',
  env: {
    ...process.env,
    LD_PRELOAD: asanLib,
    ASAN_OPTIONS: 'detect_leaks=0',
    UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
    SEED_EVERYTHING_ADDON: addon,
  },
});
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
const ok = r.status === 0 && r.stdout.includes('workload ok') && !/ERROR: AddressSanitizer|runtime error:/.test(r.stderr);
console.log(`asan: build ${((built - t0) / 1000).toFixed(1)} s, workload ${((Date.now() - built) / 1000).toFixed(1)} s, exit ${r.status}: ${ok ? 'ok' : 'FAILED'}`);
process.exit(ok ? 0 : 1);
