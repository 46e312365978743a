// The `test` every test file imports instead of uvu's: the same uvu suite, with each test's outcome
// counted here. When the runner names a file in SEED_EVERYTHING_TEST_RESULT, the counts are written
// there as JSON when the process exits, so the runner reads numbers instead of uvu's human summary.
// A test registered but never finished (the file crashed, or never called run()) counts as failed.
import * as fs from 'node:fs';
import { test as uvuTest, type Test } from 'uvu';

export interface FileResult {
  passed: number;
  failed: number;
  skipped: number;
  /** Cases fast-check generated in this file (reported by the property tests). */
  propertyCases: number;
}

const counts = { registered: 0, passed: 0, failed: 0, skipped: 0, propertyCases: 0 };

type Handler = Parameters<Test>[1];

function counted(handler: Handler): Handler {
  counts.registered++;
  return async (context) => {
    try {
      await handler(context);
    } catch (e) {
      counts.failed++;
      throw e;
    }
    counts.passed++;
  };
}

/** Wraps a uvu suite so that its tests are counted. */
export function countedSuite(suite: Test): Test {
  const register = ((name: string, handler: Handler) => suite(name, counted(handler))) as Test;
  register.only = (name: string, handler: Handler) => suite.only(name, counted(handler));
  register.skip = (name?: string, handler?: Handler) => {
    counts.skipped++;
    suite.skip(name, handler);
  };
  register.before = suite.before;
  register.after = suite.after;
  register.run = suite.run;
  return register;
}

export const test = countedSuite(uvuTest);

/** Adds fast-check's generated cases to this file's result. */
export function recordPropertyCases(n: number): void {
  counts.propertyCases += n;
}

const resultFile = process.env.SEED_EVERYTHING_TEST_RESULT;
if (resultFile) {
  process.on('exit', () => {
    const unfinished = counts.registered - counts.passed - counts.failed;
    const result: FileResult = { passed: counts.passed, failed: counts.failed + unfinished, skipped: counts.skipped, propertyCases: counts.propertyCases };
    fs.writeFileSync(resultFile, JSON.stringify(result));
  });
}
