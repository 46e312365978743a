// Runs test cases in a child process, each under a time limit. A fill that never returns cannot be
// stopped from JS (a worker thread spinning in native code ignores terminate()), so the child is
// killed, the case is reported as hung and the cases after it go on in a fresh child. A crash is
// reported the same way.
import { spawn } from 'node:child_process';
import { root } from '../helpers/child';

export interface Outcome {
  index: number;
  ok: boolean;
  detail: string;
  ms: number;
}

/**
 * `script` reads the JSON array of cases on stdin and, for case i, prints `START i`, then
 * `OK i` or `FAIL i <detail>` (see test/programs/philox/boundary-child.ts).
 */
export async function runBounded(script: string, cases: unknown[], limitMs: number): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  let next = 0;
  while (next < cases.length) next = await runFrom(script, cases, next, limitMs, outcomes);
  return outcomes;
}

function runFrom(script: string, cases: unknown[], first: number, limitMs: number, outcomes: Outcome[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), script], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let current = -1;
    let started = 0;
    let timer: NodeJS.Timeout | undefined;
    let buffered = '';
    let stderr = '';
    let hung = false;
    const finish = (index: number, ok: boolean, detail: string) => {
      clearTimeout(timer);
      outcomes.push({ index, ok, detail, ms: Date.now() - started });
      current = -1;
    };
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        const m = /^(START|OK|FAIL) (\d+) ?(.*)$/.exec(line);
        if (!m) continue;
        const index = first + Number(m[2]);
        if (m[1] === 'START') {
          current = index;
          started = Date.now();
          timer = setTimeout(() => {
            hung = true;
            child.kill('SIGKILL');
          }, limitMs);
        } else {
          finish(index, m[1] === 'OK', m[3]);
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-4000)));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (current >= 0) {
        const why = hung ? `did not finish within ${limitMs} ms (killed)` : `the child died (exit ${code ?? signal}): ${stderr}`;
        finish(current, false, why);
        resolve(outcomes[outcomes.length - 1].index + 1);
        return;
      }
      const last = outcomes.length ? outcomes[outcomes.length - 1].index : first - 1;
      if (last + 1 < cases.length) {
        outcomes.push({ index: last + 1, ok: false, detail: `the child exited (${code ?? signal}) before the case started: ${stderr}`, ms: 0 });
        resolve(last + 2);
        return;
      }
      resolve(cases.length);
    });
    child.stdin.end(JSON.stringify(cases.slice(first)));
  });
}
