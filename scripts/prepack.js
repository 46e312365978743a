#!/usr/bin/env node
'use strict';
// Runs before `npm pack` and `npm publish`. The addon this checkout built (build/Release, made by
// `npm install` or `npm run build:native`) becomes prebuilds/<platform>-<arch>/node.napi.node,
// stripped, so the tarball installs on this platform without a compiler. A prebuild older than the
// native sources is never shipped. Without any build the tarball still installs anywhere Node-API
// runs: its binding.gyp builds from source.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { newestMtime } = require('./build-tools');

const root = path.resolve(__dirname, '..');
const sources = newestMtime(['native', 'include', 'binding.gyp'].map((p) => path.join(root, p)));
const fresh = (file) => fs.existsSync(file) && fs.statSync(file).mtimeMs >= sources;
const say = (text) => console.error(`prepack: ${text}`);

const prebuilds = path.join(root, 'prebuilds');
const tuples = () => (fs.existsSync(prebuilds) ? fs.readdirSync(prebuilds).filter((t) => fs.statSync(path.join(prebuilds, t)).isDirectory()) : []);
for (const tuple of tuples()) {
  for (const name of fs.readdirSync(path.join(prebuilds, tuple)).filter((n) => n.endsWith('.node'))) {
    const file = path.join(prebuilds, tuple, name);
    if (!fresh(file)) {
      say(`removed ${path.relative(root, file)}: older than the native sources`);
      fs.rmSync(file);
    }
  }
}

const tuple = `${process.platform}-${process.arch}`;
const dest = path.join(prebuilds, tuple, 'node.napi.node');
const built = path.join(root, 'build', 'Release', 'seed_everything.node');
if (fresh(dest)) {
  say(`ships ${path.relative(root, dest)}`);
} else if (fresh(built)) {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const strip = spawnSync('strip', ['--strip-all', '-o', dest, built], { stdio: 'inherit' });
  if (strip.error || strip.status !== 0) fs.copyFileSync(built, dest);
  say(`ships ${path.relative(root, dest)} from build/Release${strip.status === 0 ? ' (stripped)' : ''}`);
} else {
  say(`no current build for ${tuple}: the tarball has no prebuild for it and installs by building from source`);
}
for (const other of tuples()) {
  if (other !== tuple && fs.readdirSync(path.join(prebuilds, other)).length) say(`ships prebuilds/${other}`);
}
