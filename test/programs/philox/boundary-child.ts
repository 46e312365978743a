// Child of boundary.test.ts (through bounded.ts): runs each case on stdin and prints START/OK/FAIL.
// A case draws `calls` successively from new Philox(seed, offset) and checks, bit for bit:
// - their concatenation equals libcurand's single call of the whole count from that offset;
// - each call equals libcurand's own successive call, as long as libcurand 10.3's known
//   small-call defects have not misplaced it (docs/philox-stream.md (e), (f));
// - the offset advanced by the total, not reduced mod 2^64, and getState continues the stream.
import { readFileSync } from 'node:fs';
import { Philox, philoxSimd, philoxThreads, type PhiloxSimd } from '../../../lib/philox/philox';
import { bytes, concat, curandAt, curandDefectAfter, curandDraw, draw, drawAsync, isNormal, type Kind, type Values } from '../../philox/streams';

export interface BoundaryCase {
  kind: Kind;
  seed: string;
  offset: string;
  calls: number[];
  /** sync: one thread; async: all calls issued at once, then awaited; threads: sync on 3 threads */
  mode: 'sync' | 'async' | 'threads';
  simd: PhiloxSimd;
}

function firstDifference(a: Values, b: Values): string {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `at ${i}: ours ${a[i]}, libcurand ${b[i]}`;
  return a.length === b.length ? 'none' : `lengths ${a.length} vs ${b.length}`;
}

async function ours(c: BoundaryCase, p: Philox): Promise<Values[]> {
  philoxSimd(c.simd);
  philoxThreads(c.mode === 'threads' ? 3 : 1);
  if (c.mode === 'async') return Promise.all(c.calls.map((n) => drawAsync(p, c.kind, n)));
  return c.calls.map((n) => draw(p, c.kind, n));
}

async function run(c: BoundaryCase): Promise<string | null> {
  const seed = BigInt(c.seed);
  const offset = BigInt(c.offset);
  const total = c.calls.reduce((a, n) => a + n, 0);
  const p = new Philox(seed, offset);
  const parts = await ours(c, p);
  if (p.offset !== offset + BigInt(total)) return `offset ${p.offset}, expected ${offset + BigInt(total)}`;
  const resumed = Philox.fromState(JSON.parse(JSON.stringify(p.getState())));
  if (!bytes(draw(resumed, 'uint32', 5)).equals(bytes(draw(p, 'uint32', 5)))) return 'getState/fromState does not continue the stream';

  // A whole multiple of 4 keeps clear of libcurand's unwritten tail.
  const once = curandAt(seed, offset);
  const single = curandDraw(once, c.kind, Math.ceil(total / 4) * 4).subarray(0, total) as Values;
  once.close();
  const whole = concat(c.kind, parts);
  if (!bytes(whole).equals(bytes(single))) return `successive calls differ from libcurand's single call ${firstDifference(whole, single)}`;

  const g = curandAt(seed, offset);
  let pos = offset;
  for (let i = 0; i < c.calls.length; i++) {
    const n = c.calls[i];
    if (isNormal(c.kind) && n % 2 !== 0) break; // curand.Generator refuses odd normal counts
    const theirs = curandDraw(g, c.kind, n);
    const tailUnwritten = pos === offset && offset !== 0n && offset % 4n === 0n && n % 4 !== 0;
    const good = tailUnwritten ? n - (n % 4) : n;
    if (!bytes(parts[i].subarray(0, good)).equals(bytes(theirs.subarray(0, good)))) {
      return `call ${i} differs from libcurand's call ${i} ${firstDifference(parts[i].subarray(0, good) as Values, theirs.subarray(0, good) as Values)}`;
    }
    if (curandDefectAfter(offset, pos, n)) break;
    pos += BigInt(n);
  }
  g.close();
  return null;
}

async function main() {
  const cases = JSON.parse(readFileSync(0, 'utf8')) as BoundaryCase[];
  for (let i = 0; i < cases.length; i++) {
    console.log(`START ${i}`);
    let failure: string | null;
    try {
      failure = await run(cases[i]);
    } catch (err) {
      failure = `threw ${(err as { code?: string }).code ?? ''} ${String(err)}`;
    }
    console.log(failure === null ? `OK ${i}` : `FAIL ${i} ${failure}`);
  }
}

void main();
