#!/usr/bin/env node
'use strict';
// Cross-compiles prebuilds/linux-arm64/node.napi.node with Debian's aarch64-linux-gnu toolchain
// (apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu binutils-aarch64-linux-gnu).
// It builds in build-arm64/, a copy of the build inputs, so that build/ (the x64 addon the tests
// load) is never overwritten. Node-API headers do not depend on the architecture: the headers of
// the running node are used, so nothing is downloaded.
//   node scripts/prebuild-arm64.js        (npm run prebuild:arm64)
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { findNodeGyp, headersDir, syncTree } = require('./build-tools');

const root = path.resolve(__dirname, '..');
const prefix = process.env.CROSS_PREFIX || 'aarch64-linux-gnu-';
const work = path.join(root, 'build-arm64');
const src = path.join(work, 'src');
const dest = path.join(root, 'prebuilds', 'linux-arm64', 'node.napi.node');

function fail(message) {
  console.error(`prebuild-arm64: ${message}`);
  process.exit(1);
}

for (const tool of ['gcc', 'g++', 'ar', 'strip']) {
  if (spawnSync('sh', ['-c', `command -v ${prefix}${tool}`]).status !== 0) {
    fail(`${prefix}${tool} not found; on Debian: apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu binutils-aarch64-linux-gnu`);
  }
}
const nodedir = headersDir();
if (!nodedir) fail('no Node headers found (include/node/node_api.h beside this node, or npm_config_nodedir)');

// Unchanged files keep their times, so a second run only recompiles what changed.
for (const entry of ['binding.gyp', 'package.json', 'native', 'include']) syncTree(path.join(root, entry), path.join(src, entry));
const modules = path.join(src, 'node_modules');
if (!fs.existsSync(modules)) fs.symlinkSync(path.join(root, 'node_modules'), modules);

const env = {
  ...process.env,
  CC: `${prefix}gcc`,
  CXX: `${prefix}g++`,
  AR: `${prefix}ar`,
  LINK: `${prefix}g++`,
  npm_config_arch: 'arm64',
};
const gyp = findNodeGyp();
const common = ['--arch=arm64', `--nodedir=${nodedir}`];
const configured = fs.existsSync(path.join(src, 'build', 'Makefile'));
for (const args of [...(configured ? [] : [['configure', ...common]]), ['build', ...common, '--jobs=2']]) {
  const r = spawnSync(process.execPath, [gyp, ...args], { cwd: src, env, stdio: 'inherit' });
  if (r.status !== 0) fail(`node-gyp ${args[0]} failed (exit ${r.status})`);
}

const built = path.join(src, 'build', 'Release', 'seed_everything.node');
fs.mkdirSync(path.dirname(dest), { recursive: true });
const strip = spawnSync(`${prefix}strip`, ['--strip-all', '-o', dest, built], { stdio: 'inherit' });
if (strip.status !== 0) fail('strip failed');
// e_machine 183 is EM_AARCH64: a host compiler picked up by mistake would give 62 (x86-64).
const machine = fs.readFileSync(dest).readUInt16LE(18);
if (machine !== 183) fail(`${dest} is not an AArch64 ELF (e_machine ${machine})`);
console.log(`prebuild-arm64: wrote ${path.relative(root, dest)} (${fs.statSync(dest).size} bytes)`);
