// include/seed_everything/philox.h compiled by other code (plain C++, and CUDA where nvcc
// exists) gives the stream the Philox class gives.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { Philox } from '../../lib/philox/philox';
import { requires } from '../helpers/require';

const root = join(__dirname, '..', '..');
const source = join(__dirname, 'header', 'use_header.cc');
const nvcc = process.env.NVCC ?? '/usr/local/cuda/bin/nvcc';
const has = (cmd: string) => spawnSync(cmd, ['--version']).status === 0;

function expected(): string {
  const lines: string[] = [];
  for (const seed of [0n, 11n, 0xffffffffn, 1n << 32n, (1n << 64n) - 1n]) {
    for (const off of [0n, 3n, 262143n, 1n << 40n]) {
      const u = new Philox(seed, off).uint32(6);
      const f = new Uint32Array(new Philox(seed, off).uniform(6).buffer);
      lines.push(`${seed} ${off}` + Array.from(u, (x, i) => ` ${x}:${f[i].toString(16).padStart(8, '0')}`).join(''));
    }
  }
  return lines.join('\n') + '\n';
}

function compileAndRun(compiler: string, args: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'philox-header-'));
  try {
    const exe = join(dir, 'use_header');
    execFileSync(compiler, [...args, `-I${join(root, 'include')}`, source, '-o', exe], { stdio: 'pipe' });
    return execFileSync(exe, { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

requires('compiler', has('g++'), 'g++ not found')('plain C++ (g++ -std=c++11) sees the same stream', () => {
  assert.is(compileAndRun('g++', ['-std=c++11', '-O2', '-Wall', '-Werror']), expected());
});

requires('nvcc', has(nvcc), `${nvcc} not found`)('nvcc compiles the header for host and device code', () => {
  // Host code of a .cu runs anywhere; the kernel is only compiled (no GPU needed to build).
  assert.is(compileAndRun(nvcc, ['-x', 'cu', '-std=c++17', '-O2']), expected());
});

test.run();
