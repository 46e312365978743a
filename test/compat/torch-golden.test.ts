// TorchGenerator against real PyTorch: test/fixtures/torch-golden.json was written by Debian's
// torch 1.13 (tools/golden/torch_golden.py; the command and versions are in the fixture), once per
// CPU capability with ATEN_CPU_CAPABILITY forcing it. Every comparison is bit for bit.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '../helpers/test';
import * as assert from 'uvu/assert';
import { TorchGenerator } from '../../lib/compat';
import type { TorchCpuCapability } from '../../lib/compat/torch-capability';
import { throwsCode } from '../helpers/errors';

type Op = [string, ...(number | string)[]];
interface Capability {
  torchConfig: string;
  seeds: { seed: string; initialSeed: string; hashes: Record<'rand' | 'randn' | 'normal' | 'randint', string[]> }[];
  refusedSeeds: { seed: string; error: string | null }[];
  sequences: { seed: string; initialSeed: string; calls: { op: Op; values: (number | string)[] }[] }[];
  cancel: { seed: string; mean: number; std: number; value: number }[];
}
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'torch-golden.json'), 'utf8')) as {
  torch: string;
  sizes: number[];
  normal: [number, number];
  randint: [number, number];
  capabilities: Record<TorchCpuCapability, Capability>;
};
const CAPABILITIES = ['default', 'avx2', 'avx512'] as const;
const counted: Record<string, number> = {};

function hash(values: ArrayBufferView): string {
  return createHash('sha256').update(new Uint8Array(values.buffer, values.byteOffset, values.byteLength)).digest('hex').slice(0, 16);
}

function int(v: number | string): number | bigint {
  return typeof v === 'string' ? BigInt(v.slice(0, -1)) : v;
}

test('the fixture covers what the acceptance asks: 3 capabilities, >= 20 seeds with the edge seeds, every size', () => {
  assert.match(fixture.torch, /^1\.13/);
  assert.equal(fixture.sizes, [...Array.from({ length: 15 }, (_, i) => i + 1), 16, 17, 31, 32, 33, 1000, 100000]);
  for (const cap of CAPABILITIES) {
    const seeds = fixture.capabilities[cap].seeds.map((s) => BigInt(s.seed));
    assert.ok(seeds.length >= 20, cap);
    for (const edge of [0n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 63n, 2n ** 64n - 1n]) assert.ok(seeds.includes(edge), `${cap}: seed ${edge}`);
  }
  assert.match(fixture.capabilities.default.torchConfig, /NO AVX/);
  assert.match(fixture.capabilities.avx2.torchConfig, /AVX2/);
  assert.match(fixture.capabilities.avx512.torchConfig, /AVX512/);
});

for (const cap of CAPABILITIES) {
  const golden = fixture.capabilities[cap];

  test(`${cap}: rand, randn, normal(${fixture.normal}) and randint(${fixture.randint}) of every size, for every seed`, () => {
    const [mean, std] = fixture.normal;
    const [low, high] = fixture.randint;
    const draw = {
      rand: (g: TorchGenerator, n: number) => g.rand(n),
      randn: (g: TorchGenerator, n: number) => g.randn(n),
      normal: (g: TorchGenerator, n: number) => g.normal(n, mean, std),
      randint: (g: TorchGenerator, n: number) => BigInt64Array.from(g.randint(low, high, n), (v) => BigInt(v)),
    };
    for (const s of golden.seeds) {
      for (const [method, fn] of Object.entries(draw)) {
        fixture.sizes.forEach((n, i) => {
          const g = new TorchGenerator(BigInt(s.seed), { cpuCapability: cap });
          assert.is(hash(fn(g, n)), s.hashes[method as keyof typeof draw][i], `${cap} seed ${s.seed} ${method}(${n})`);
          counted[cap] = (counted[cap] ?? 0) + n;
        });
      }
    }
  });

  test(`${cap}: initialSeed and manualSeed's edge values as torch.manual_seed takes them`, () => {
    for (const s of golden.seeds) {
      const seed = BigInt(s.seed);
      assert.is(new TorchGenerator(seed, { cpuCapability: cap }).initialSeed(), BigInt(s.initialSeed), `seed ${s.seed}`);
      if (Number.isSafeInteger(Number(seed))) assert.is(new TorchGenerator(Number(seed)).initialSeed(), BigInt(s.initialSeed));
    }
    assert.ok(golden.refusedSeeds.length >= 3);
    for (const r of golden.refusedSeeds) {
      assert.match(String(r.error), /Overflow/, `torch refuses ${r.seed}`);
      throwsCode(() => new TorchGenerator(BigInt(r.seed), { cpuCapability: cap }), RangeError, 'ERR_OUT_OF_RANGE');
      throwsCode(() => new TorchGenerator(0).manualSeed(BigInt(r.seed)), RangeError, 'ERR_OUT_OF_RANGE');
    }
  });

  test(`${cap}: call sequences on one generator (the cached spare, 32- and 64-bit randint, float and double paths)`, () => {
    for (const sq of golden.sequences) {
      const g = new TorchGenerator(BigInt(sq.seed), { cpuCapability: cap });
      for (const { op, values } of sq.calls) {
        const [name, ...args] = op;
        const n = args[args.length - 1] as number;
        let got: ArrayLike<number | bigint>;
        if (name === 'rand') got = g.rand(n);
        else if (name === 'randn') got = g.randn(n);
        else if (name === 'normal') got = g.normal(n, args[0] as number, args[1] as number);
        else {
          const big = args.some((a) => typeof a === 'string');
          const lo = int(args[0]);
          const hi = int(args[1]);
          got = big ? g.randint(BigInt(lo), BigInt(hi), n) : g.randint(lo as number, hi as number, n);
        }
        const where = `${cap} seed ${sq.seed} ${JSON.stringify(op)}`;
        assert.is(got.length, values.length, where);
        for (let i = 0; i < values.length; i++) {
          const want = int(values[i]);
          if (typeof want === 'bigint') assert.is(BigInt(got[i]), want, `${where}[${i}]`);
          else assert.ok(Object.is(Number(got[i]), want), `${where}[${i}]: got ${got[i]}, torch ${want}`);
        }
      }
      assert.is(g.initialSeed(), BigInt(sq.initialSeed));
    }
  });

  test(`${cap}: x * std + mean below 16 values is ${cap === 'default' ? 'rounded twice' : 'one fused multiply-add'}, as torch's build`, () => {
    for (const c of golden.cancel) {
      const got = new TorchGenerator(BigInt(c.seed), { cpuCapability: cap }).normal(1, c.mean, c.std)[0];
      assert.ok(Object.is(got, c.value), `seed ${c.seed} mean ${c.mean} std ${c.std}: got ${got}, torch ${c.value}`);
    }
    assert.is(golden.cancel.some((c) => c.value !== 0), cap !== 'default');
  });
}

test('avx512 draws what avx2 draws (torch 1.13 has no AVX-512 normal kernel); default differs from 16 values on', () => {
  const a = new TorchGenerator(11, { cpuCapability: 'avx2' }).randn(4096);
  const b = new TorchGenerator(11, { cpuCapability: 'avx512' }).randn(4096);
  const d = new TorchGenerator(11, { cpuCapability: 'default' }).randn(4096);
  assert.is(hash(a), hash(b));
  assert.is.not(hash(a), hash(d));
  let differing = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== d[i]) differing++;
  assert.ok(differing > 100 && differing < a.length, `${differing} of 4096 differ`);
});

test.after(() => {
  const total = Object.values(counted).reduce((x, y) => x + y, 0);
  console.log(`  torch ${fixture.torch} values compared bit for bit: ${total} (${Object.entries(counted).map(([k, v]) => `${k} ${v}`).join(', ')})`);
});

test.run();
