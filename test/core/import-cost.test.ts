import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { root } from '../helpers/child';

const cudaLib = /lib(cuda|cudart|curand|cudnn[a-z_]*)\.so/;

test('requiring the package maps no CUDA library and no addon', () => {
  const code = `
    const pkg = require(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
    if (typeof pkg.doctor !== 'function') throw new Error('no doctor export');
    const maps = require('fs').readFileSync('/proc/self/maps', 'utf8');
    console.log(JSON.stringify(maps.split('\\n').map(l => l.split(/\\s+/)[5]).filter(Boolean)));`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const mapped: string[] = JSON.parse(r.stdout);
  assert.equal(mapped.filter((p) => cudaLib.test(p)), []);
  assert.equal(mapped.filter((p) => p.endsWith('.node')), []);
});

test('libraries are opened on first use, not before', () => {
  const code = `
    const pkg = require(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
    pkg.cuda.isAvailable();
    const maps = require('fs').readFileSync('/proc/self/maps', 'utf8');
    console.log(JSON.stringify({ cudart: /libcudart\\.so/.test(maps), curand: /libcurand\\.so/.test(maps), cudnn: /libcudnn/.test(maps) }));`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  const seen = JSON.parse(r.stdout);
  assert.is(seen.curand, false, 'asking for devices must not load cuRAND');
  assert.is(seen.cudnn, false, 'asking for devices must not load cuDNN');
});

test('the ES module entry shares the CommonJS instance; its default export is seedEverything', () => {
  const code = `
    import(${JSON.stringify(path.join(root, 'dist', 'index.mjs'))}).then((esm) => {
      const cjs = require(${JSON.stringify(path.join(root, 'dist', 'index.js'))});
      console.log(JSON.stringify({ same: esm.doctor === cjs.doctor, def: esm.default === cjs.seedEverything, cuda: typeof esm.cuda.isAvailable }));
    });`;
  const r = spawnSync(process.execPath, ['-e', code], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout), { same: true, def: true, cuda: 'function' });
});

test.run();
