// Accountable skips. A test that needs something this machine may lack (libcurand, a GPU, nvcc)
// asks `requires(feature, available, reason)`. Missing: the reason is printed and the tests are
// skipped, unless SEED_EVERYTHING_REQUIRE (comma-separated features, set by CI) names the feature;
// then every such test fails by itself with the reason, with nothing for the runner to parse.
import type { Test } from 'uvu';
import { test as countedTest } from './test';

export type Feature = 'cudart' | 'curand' | 'gpu' | 'cudnn' | 'nvcc' | 'valgrind' | 'compiler' | 'avx2' | 'avx512' | 'arm64';

export function required(feature: Feature): boolean {
  const list = (process.env.SEED_EVERYTHING_REQUIRE ?? '').split(',').map((s) => s.trim());
  return list.includes(feature) || list.includes('all');
}

/** Returns a `test` function: the real one when available, else one that skips (or fails) each test. */
export function requires(feature: Feature, available: boolean, reason: string, suite: Test = countedTest): Test {
  if (available) return suite;
  const msg = `${feature} unavailable: ${reason}`;
  const demanded = required(feature);
  console.log(demanded ? `${msg} (SEED_EVERYTHING_REQUIRE names ${feature}: its tests fail)` : `SKIP ${msg}`);
  const missing = ((name: string) => {
    if (demanded) {
      suite(name, () => {
        throw new Error(`${msg}; SEED_EVERYTHING_REQUIRE demands it`);
      });
    } else {
      console.log(`  skipped: ${name}`);
      suite.skip(name, () => {});
    }
  }) as unknown as Test;
  return Object.assign(missing, suite, { run: suite.run });
}
