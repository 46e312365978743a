// Runs `seed-everything diff` (lib/cli/index.ts) in a child process, as a user would from a shell.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { root } from '../helpers/child';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export const tsx = require.resolve('tsx/cjs');

/** `node --require tsx <test/programs/trace/name>`: a command for diff to run. */
export function program(name: string): string[] {
  return [process.execPath, '--require', tsx, path.join(root, 'test', 'programs', 'trace', name)];
}

export function cli(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 240000): CliResult {
  const r = spawnSync(process.execPath, ['--require', tsx, path.join(root, 'lib', 'cli', 'index.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SEED_EVERYTHING_SEED: undefined, SEED_EVERYTHING_TRACE: undefined, ...env },
    timeout: timeoutMs,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh file name for a program's run counter (see test/programs/trace/inject.ts). */
export function counterFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'trace-test-')), 'runs');
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'trace-test-'));
}
