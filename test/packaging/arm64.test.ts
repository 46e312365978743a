// The linux-arm64 prebuild, cross-compiled with Debian's aarch64-linux-gnu toolchain, loads in
// Debian's arm64 node under qemu-user and draws the same Philox, PyRandom and NumpyRandomState
// numbers as the x64 addon. Needs (installed by .ci/run): gcc-aarch64-linux-gnu,
// g++-aarch64-linux-gnu, qemu-user, and the sysroot of scripts/arm64-sysroot.sh.
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root } from '../helpers/child';
import { requires } from '../helpers/require';
import { addonInfo } from '../../lib/core/binding';

const sysroot = path.join(root, '.cache', 'arm64-sysroot');
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = [
  ...['aarch64-linux-gnu-g++', 'aarch64-linux-gnu-strip', 'qemu-aarch64'].filter((c) => !has(c)),
  ...(fs.existsSync(path.join(sysroot, 'usr', 'bin', 'node')) ? [] : [`${sysroot} (bash scripts/arm64-sysroot.sh)`]),
];
const test = requires('arm64', missing.length === 0, `missing ${missing.join(', ')}`);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'se-arm64-'));
const pkg = path.join(work, 'seed-everything');
const prebuild = path.join(root, 'prebuilds', 'linux-arm64', 'node.napi.node');
const draws = path.join(root, 'test', 'programs', 'packaging', 'cross-arch-draws.js');
const timings: Record<string, number> = {};
const golden = (JSON.parse(fs.readFileSync(path.join(root, 'test', 'fixtures', 'philox-curand.json'), 'utf8')) as { cases: { kind: string; seed: string; offset: string; values: number[] }[] }).cases;

function timed<T>(name: string, fn: () => T): T {
  const start = Date.now();
  try {
    return fn();
  } finally {
    timings[name] = Date.now() - start;
  }
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', timeout: 300000 });
  assert.is(r.status, 0, `${cmd} ${args.join(' ')} (exit ${r.status} ${r.signal ?? ''})\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

interface Draws {
  arch: string;
  addon: { loaded: boolean; kind: string; path: string; error: string | null };
  simd: string;
  philox: { seed: string; uint32: number[] }[];
  py: { seed: string; randint: number[] }[];
  numpy: unknown[];
}

const parse = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Draws;

// The package as installed on an arm64 machine: the CommonJS bundle, package.json and the prebuild
// in prebuilds/linux-arm64/, where the loader looks by process.arch.
test.before(() => {
  if (missing.length) return;
  timed('cross build', () => run(process.execPath, [path.join(root, 'scripts', 'prebuild-arm64.js')]));
  fs.mkdirSync(path.join(pkg, 'prebuilds', 'linux-arm64'), { recursive: true });
  fs.copyFileSync(path.join(root, 'package.json'), path.join(pkg, 'package.json'));
  fs.copyFileSync(prebuild, path.join(pkg, 'prebuilds', 'linux-arm64', 'node.napi.node'));
  // Debian bookworm's arm64 node is 18: the bundle targets it.
  require('esbuild').buildSync({
    entryPoints: [path.join(root, 'lib', 'index.ts')],
    outfile: path.join(pkg, 'dist', 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    logLevel: 'warning',
  });
});

let arm: Draws;
let x64: Draws;

test('Debian arm64 node under qemu loads the prebuild from prebuilds/linux-arm64 by itself', () => {
  const qemuEnv = { ...process.env, SEED_EVERYTHING_ADDON: undefined, SEED_EVERYTHING_CUDA_PATH: undefined };
  arm = timed('arm64 draws under qemu', () =>
    parse(run('qemu-aarch64', ['-L', sysroot, path.join(sysroot, 'usr', 'bin', 'node'), draws, pkg], qemuEnv)),
  );
  assert.is(arm.arch, 'arm64');
  assert.is(arm.addon.loaded, true, arm.addon.error ?? '');
  assert.is(arm.addon.kind, 'prebuild');
  assert.is(arm.addon.path, path.join(pkg, 'prebuilds', 'linux-arm64', 'node.napi.node'));
  assert.is(arm.simd, 'scalar', 'only the portable kernels exist on arm64');
  assert.equal(arm.py[0].randint, [58, 72], "CPython's random.seed(11) then two randint(1, 100)");
  // libcurand's own host Philox output for seed 11, offset 0, as recorded in the fixture.
  const curand = golden.find((c) => c.kind === 'u32' && c.seed === '11' && c.offset === '0')!;
  assert.equal(arm.philox[0].uint32.slice(0, 16), curand.values.slice(0, 16));
});

test('Philox, PyRandom and NumpyRandomState give the same numbers on arm64 as on x64', () => {
  assert.ok(arm, 'the arm64 run happened');
  x64 = timed('x64 draws', () => parse(run(process.execPath, [draws, pkg], { ...process.env, SEED_EVERYTHING_ADDON: addonInfo().path })));
  assert.is(x64.arch, 'x64');
  assert.is(x64.addon.kind, 'override');
  assert.equal([arm.philox.length, arm.py.length, arm.numpy.length], [5, 4, 3]);
  assert.equal(arm.philox, x64.philox);
  assert.equal(arm.py, x64.py);
  assert.equal(arm.numpy, x64.numpy);
});

test.after(() => {
  fs.rmSync(work, { recursive: true, force: true });
  if (Object.keys(timings).length) console.log(`arm64 timings (ms): ${JSON.stringify(timings)}`);
});
test.run();
