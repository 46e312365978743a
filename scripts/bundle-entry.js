'use strict';
// Bundles the CommonJS entry (dist/index.js and the modules it requires) into one file: loading
// one file instead of thirty-odd halves what `require('seed-everything')` costs. The other dist/
// files stay for the CLI and the type declarations.
const path = require('node:path');
const dist = path.resolve(__dirname, '..', 'dist');
require('esbuild').buildSync({
  entryPoints: [path.join(dist, 'index.js')],
  outfile: path.join(dist, 'index.js'),
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
