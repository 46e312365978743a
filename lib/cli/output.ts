// What every command shares: its exit statuses, option parsing over node:util's parseArgs, usage
// errors on stderr, and stdout writes that are waited for, so that a failed write (a full disk,
// a closed pipe) is an exit status rather than a silent success.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const EXIT_USAGE = 64;
export const EXIT_OUTPUT = 74;

/** Writes to stdout and waits for it; false when the write failed (a closed pipe, a full disk). */
function writeStdout(text: string): Promise<boolean> {
  // The stream also emits the failure as 'error' after the callback has it: without a listener
  // that event would end the process with its own exit code.
  if (process.stdout.listenerCount('error') === 0) process.stdout.on('error', () => {});
  return new Promise((resolve) => process.stdout.write(text, (err) => resolve(!err)));
}

// `command` is '' for the top level.
const who = (command: string): string => (command ? `seed-everything ${command}` : 'seed-everything');

/** `seed-everything <command>: ...` on stderr; EXIT_OUTPUT. */
export function outputFailed(command: string, what: string): number {
  process.stderr.write(`${who(command)}: could not write the report to ${what}\n`);
  return EXIT_OUTPUT;
}

/** Prints `text` and answers `code`, or EXIT_OUTPUT when stdout could not take it. */
export async function printReport(command: string, text: string, code: number): Promise<number> {
  return (await writeStdout(`${text}\n`)) ? code : outputFailed(command, 'stdout');
}

/** The message and the usage on stderr; EXIT_USAGE. */
export function usageError(command: string, message: string, usage: string): number {
  process.stderr.write(`${who(command)}: ${message}\n\n${usage}\n`);
  return EXIT_USAGE;
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs' values (strict: unknown options and missing values are messages), or its message. */
export function parseOptions(args: string[], options: Options): Record<string, string | boolean | undefined> | string {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false }).values as Record<
      string,
      string | boolean | undefined
    >;
  } catch (err) {
    return (err as Error).message;
  }
}
