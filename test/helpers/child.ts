// Runs a snippet in a fresh Node process with the package loaded from source, so that process-wide
// state (loaded libraries, env vars read once) starts clean.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '..', '..');

export interface ChildResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

export function runChild(code: string, env: Record<string, string | undefined> = {}, timeoutMs = 60000): ChildResult {
  const r = spawnSync(process.execPath, ['--require', require.resolve('tsx/cjs'), '-e', code], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    json<T>() {
      const lines = r.stdout.trim().split('\n');
      return JSON.parse(lines[lines.length - 1]) as T;
    },
  };
}
