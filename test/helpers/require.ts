// Loud, accountable skips. A test that needs something this machine may lack (libcurand, a GPU,
// nvcc) asks `requires(feature, available, reason)`. Missing: the reason is printed and the tests
// are skipped, unless SEED_EVERYTHING_REQUIRE (comma-separated features, set by CI) names the
// feature; then the skip is reported to the runner, which fails the run.
import { test as uvuTest, type Test } from 'uvu';

export type Feature = 'cudart' | 'curand' | 'gpu' | 'cudnn' | 'nvcc' | 'valgrind' | 'compiler' | 'avx2' | 'avx512' | 'arm64';

export function required(feature: Feature): boolean {
  const list = (process.env.SEED_EVERYTHING_REQUIRE ?? '').split(',').map((s) => s.trim());
  return list.includes(feature) || list.includes('all');
}

/** Returns a uvu `test` function: the real one when available, else one that skips loudly. */
export function requires(feature: Feature, available: boolean, reason: string, suite: Test = uvuTest): Test {
  if (available) return suite;
  const msg = `${feature} unavailable: ${reason}`;
  if (required(feature)) console.log(`REQUIRED-SKIP ${msg}`);
  else console.log(`SKIP ${msg}`);
  const skipping = ((name: string) => {
    console.log(`  skipped: ${name}`);
    suite.skip(name, () => {});
  }) as unknown as Test;
  return Object.assign(skipping, suite, { run: suite.run });
}
