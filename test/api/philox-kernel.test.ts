// philox.h in a CUDA kernel: it must compile for the oldest and newest architectures we claim,
// its host path (the same file through a plain C++ compiler) must reproduce the stream, and on a
// GPU the kernel must agree with the CPU.
import * as assert from 'uvu/assert';
import { test as uvuTest } from '../helpers/test';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { cuda, Philox } from '../../lib/index';
import { requires } from '../helpers/require';
import { hasCompiler, root, run } from '../helpers/native-build';

// The JS engine (lib/philox/philox.ts) is the reference: outputs offset .. offset + count - 1.
const philoxStream = (seed: bigint, offset: bigint, count: number) => Array.from(new Philox(seed, offset).uint32(count));

const source = path.join(root, 'test', 'programs', 'api', 'philox_fill.cu');
const include = path.join(root, 'include');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'se-philox-kernel-'));

function findNvcc(): string | null {
  const candidates = [process.env.CUDA_HOME && path.join(process.env.CUDA_HOME, 'bin', 'nvcc'), '/usr/local/cuda/bin/nvcc'];
  const found = candidates.find((c): c is string => !!c && fs.existsSync(c));
  if (found) return found;
  return spawnSync('nvcc', ['--version']).status === 0 ? 'nvcc' : null;
}

// sm_75 (Turing) is the oldest architecture CUDA 13 still builds for; sm_90 the newest we target.
const ARCHS = ['75', '90'];
const nvcc = findNvcc();
const cases: Array<[bigint, bigint, number]> = [
  [11n, 0n, 8],
  [0xdeadbeefcafef00dn, 4n, 301],
  [2n ** 64n - 1n, 262140n, 33], // crosses the counter's 65536-block row
  [7n, 6n, 10], // an offset that is not a multiple of 4: block_from straddles two blocks
];

function values(binary: string, seed: bigint, offset: bigint, count: number, where: 'host' | 'device'): number[] {
  const r = spawnSync(binary, [String(seed), String(offset), String(count), where], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${binary} ${where} failed (${r.status}): ${r.stderr}`);
  return r.stdout.trim().split(' ').map(Number);
}

const host = requires('compiler', hasCompiler(), 'no C++ compiler (c++) for the host build of philox_fill.cu', uvuTest);
const hostBinary = path.join(out, 'philox_fill_host');

host('philox.h host path (the .cu file through a plain C++ compiler) reproduces the stream', async () => {
  const r = await run('c++', ['-std=c++17', '-O2', '-Wall', '-Wextra', '-Werror', '-x', 'c++', `-I${include}`, source, '-o', hostBinary], root);
  assert.is(r.code, 0, r.output);
  for (const [seed, offset, count] of cases) assert.equal(values(hostBinary, seed, offset, count, 'host'), philoxStream(seed, offset, count));
});

const withNvcc = requires('nvcc', nvcc !== null, 'nvcc not found (CUDA_HOME, /usr/local/cuda/bin, PATH)', uvuTest);
const cudaBinary = path.join(out, 'philox_fill_cuda');
let cudaBuilt = false;

withNvcc(`philox.h compiles in a kernel for sm_${ARCHS.join(' and sm_')}`, async () => {
  const gencode = ARCHS.flatMap((a) => ['-gencode', `arch=compute_${a},code=sm_${a}`]);
  const r = await run(nvcc as string, ['-std=c++17', '-O2', `-I${include}`, ...gencode, source, '-o', cudaBinary], root);
  assert.is(r.code, 0, r.output);
  cudaBuilt = true;
  // The nvcc build's host path agrees too (nvcc marks the functions __host__ __device__).
  assert.equal(values(cudaBinary, 11n, 0n, 8, 'host'), philoxStream(11n, 0n, 8));
});

const gpu = requires('gpu', nvcc !== null && cuda.isAvailable(), 'no CUDA device (or no nvcc to build the kernel)', uvuTest);

gpu('the kernel on the GPU equals the CPU stream', () => {
  assert.ok(cudaBuilt, 'the nvcc build above failed');
  for (const [seed, offset, count] of cases) assert.equal(values(cudaBinary, seed, offset, count, 'device'), philoxStream(seed, offset, count));
  const big = values(cudaBinary, 99n, 1024n, 1 << 20, 'device');
  assert.equal(big.slice(-7), philoxStream(99n, 1024n + BigInt((1 << 20) - 7), 7));
  assert.equal(big, values(cudaBinary, 99n, 1024n, 1 << 20, 'host'));
});

uvuTest.after(() => fs.rmSync(out, { recursive: true, force: true }));
uvuTest.run();
