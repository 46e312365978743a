'use strict';
// What the build scripts share: finding node-gyp and the Node headers without a network, and
// copying build inputs while keeping the times of unchanged files (so make rebuilds only what
// changed).
const fs = require('node:fs');
const path = require('node:path');

/** node-gyp's entry script: the one npm runs scripts with, a local install, or npm's bundled copy. */
function findNodeGyp() {
  const candidates = [
    process.env.npm_config_node_gyp,
    (() => {
      try {
        return require.resolve('node-gyp/bin/node-gyp.js');
      } catch {
        return undefined;
      }
    })(),
    path.resolve(process.execPath, '..', '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  ];
  const found = candidates.find((c) => c && fs.existsSync(c));
  if (!found) throw new Error(`node-gyp not found (looked at ${candidates.filter(Boolean).join(', ')})`);
  return found;
}

/** A folder with include/node/node_api.h: npm's nodedir setting, else the running node's prefix. */
function headersDir() {
  const candidates = [process.env.npm_config_nodedir, path.resolve(process.execPath, '..', '..')];
  return candidates.find((d) => d && fs.existsSync(path.join(d, 'include', 'node', 'node_api.h')));
}

/** Copies `from` (file or folder) to `to`, rewriting only files whose bytes differ. */
function syncTree(from, to) {
  const st = fs.statSync(from);
  if (st.isDirectory()) {
    fs.mkdirSync(to, { recursive: true });
    for (const name of fs.readdirSync(from)) syncTree(path.join(from, name), path.join(to, name));
    return;
  }
  const bytes = fs.readFileSync(from);
  if (fs.existsSync(to) && fs.readFileSync(to).equals(bytes)) return;
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.writeFileSync(to, bytes);
}

/** Newest modification time (ms) of the files under the given paths. */
function newestMtime(paths) {
  let newest = 0;
  for (const p of paths) {
    if (!fs.existsSync(p)) continue;
    const st = fs.statSync(p);
    if (st.isDirectory()) newest = Math.max(newest, newestMtime(fs.readdirSync(p).map((n) => path.join(p, n))));
    else newest = Math.max(newest, st.mtimeMs);
  }
  return newest;
}

module.exports = { findNodeGyp, headersDir, syncTree, newestMtime };
