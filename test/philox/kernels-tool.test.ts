// tools/philox-kernels/bench.cc built from the kernel sources as they are and run in its check
// mode: every kernel this CPU runs, including the AVX-512 group counts kept for tuning, gives
// the scalar block's bits (offsets at row edges and near 2^64, every remainder of a step, and
// the double conversion); and the AVX-512 uint32 -> float conversion equals to_float on all
// 2^32 words.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as assert from 'uvu/assert';
import { philoxSimdSupported } from '../../lib/philox/philox';
import { requires } from '../helpers/require';

const root = join(__dirname, '..', '..');
const canBuild = process.arch === 'x64' && spawnSync('g++', ['--version']).status === 0;
// philox_avx512.cc's kVariants: the group counts kept beside the one in use.
const AVX512_VARIANTS = 3;

let output = '';
function check(): string {
  if (output) return output;
  const dir = mkdtempSync(join(tmpdir(), 'philox-kernels-'));
  try {
    execFileSync('sh', [join(root, 'tools', 'philox-kernels', 'build.sh'), dir], { stdio: 'pipe' });
    output = execFileSync(join(dir, 'kernels-bench'), ['check'], { encoding: 'utf8', timeout: 300_000 });
    return output;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const t = requires('compiler', canBuild, 'no g++ on an x64 machine');
t('every kernel this CPU runs gives the scalar bits', () => {
  const kernels = 1 + Number(philoxSimdSupported('avx2')) + (philoxSimdSupported('avx512') ? 1 + AVX512_VARIANTS : 0);
  assert.match(check(), `bits: ${kernels - 1} kernels match the scalar block\n`);
});

requires('avx512', canBuild && philoxSimdSupported('avx512'), 'no AVX-512 F/DQ/VL/BW, or no g++')(
  'the AVX-512 float conversion equals to_float on every uint32',
  () => {
    assert.match(check(), 'bits: the AVX-512 float conversion matches to_float on all 2^32 words\n');
  },
);

t.run();
