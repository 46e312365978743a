#!/usr/bin/env node
// npx seed-everything doctor [--json] | verify [--json] [--device N] [--repeats K]
//   | diff [--runs N] [--json] [--keep DIR] [--html FILE] -- <command...>
import { doctor, formatDoctor } from '../doctor/doctor';
import { runDiffCli } from './diff';
import { runVerifyCli } from './verify';
import { packageVersion } from '../core/version';
import { parseOptions, printReport, usageError } from './output';

const usage = `usage: seed-everything <command> [options]

commands:
  doctor [--json]                              what was found: Node, addon, CUDA libraries, devices
  verify [--json] [--device N] [--repeats K]   run every cuDNN convolution algorithm K times and
                                               report which ones are bit-for-bit reproducible
  diff [--runs N] [--json] [--keep DIR] [--html FILE] -- <command...>
                                               run a command N times with tracing on and name the
                                               first checkpoint where the runs differ

options:
  --help, -h      this text (each command answers --help too)
  --version, -v   the package version
Options take their value as --opt value or --opt=value.
exit status 64: bad usage (the message and this text go to stderr); 74: stdout could not be written`;

const DOCTOR_USAGE = `usage: seed-everything doctor [--json]

What this process finds: Node, the addon, every CUDA library (where it was looked for and why it
failed), devices, the process-wide state.

options:
  --json          print the report as JSON
  --help, -h      this text`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError('', 'no command given', usage);
  if (command === '--help' || command === '-h' || command === 'help') return printReport('', usage, 0);
  if (command === '--version' || command === '-v') return printReport('', packageVersion(), 0);
  if (command === 'doctor') return runDoctorCli(rest);
  if (command === 'verify') return runVerifyCli(rest);
  if (command === 'diff') return runDiffCli(rest);
  return usageError('', `unknown command: ${command}`, usage);
}

async function runDoctorCli(args: string[]): Promise<number> {
  const values = parseOptions(args, { json: { type: 'boolean' } });
  if (typeof values === 'string') return usageError('doctor', values, DOCTOR_USAGE);
  if (values.help) return printReport('doctor', DOCTOR_USAGE, 0);
  const report = doctor();
  return printReport('doctor', values.json ? JSON.stringify(report, null, 2) : formatDoctor(report), 0);
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      console.error(`seed-everything: ${err.message}`);
      process.exitCode = 1;
    },
  );
}
