// Which run of `diff` this is: every run of a program adds one to the count in the file
// RUN_COUNTER (runs are sequential), so a test can make run 2 behave unlike run 1.
import * as fs from 'node:fs';

export function runNumber(): number {
  const file = process.env.RUN_COUNTER;
  if (!file) return 1;
  const n = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
  fs.writeFileSync(file, String(n));
  return n;
}
