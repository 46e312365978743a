// A test file as the runner spawns one, its outcomes chosen by argv: "pass", "fail", "skip",
// "needs" (a test that needs an unavailable nvcc), "crash" (throws before run()).
import { requires } from '../../helpers/require';
import { test } from '../../helpers/test';

for (const [i, what] of process.argv.slice(2).entries()) {
  if (what === 'pass') test(`passes ${i}`, () => {});
  else if (what === 'fail') test(`fails ${i}`, () => Promise.reject(new Error('fails on purpose')));
  else if (what === 'skip') test.skip(`skipped ${i}`, () => {});
  else if (what === 'needs') requires('nvcc', false, 'not installed here')(`needs nvcc ${i}`, () => {});
  else if (what === 'crash') throw new Error('crashes before run()');
}
test.run();
