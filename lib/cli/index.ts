#!/usr/bin/env node
// npx seed-everything doctor [--json] | verify [--json] [--device N] [--repeats K]
//   | diff [--runs N] [--json] [--keep DIR] [--html FILE] -- <command...>
import { doctor, formatDoctor } from '../doctor/doctor';
import { runDiffCli } from './diff';
import { runVerifyCli } from './verify';
import { packageVersion } from '../core/version';

const usage = `usage: seed-everything <command> [options]

commands:
  doctor [--json]                              what was found: Node, addon, CUDA libraries, devices
  verify [--json] [--device N] [--repeats K]   run every cuDNN convolution algorithm K times and
                                               report which ones are bit-for-bit reproducible
  diff [--runs N] [--json] [--keep DIR] [--html FILE] -- <command...>
                                               run a command N times with tracing on and name the
                                               first checkpoint where the runs differ

options:
  --help, -h      this text
  --version, -v   the package version`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage);
    return command === undefined ? 64 : 0;
  }
  if (command === '--version' || command === '-v') {
    console.log(packageVersion());
    return 0;
  }
  if (command === 'doctor') {
    const unknown = rest.filter((a) => a !== '--json');
    if (unknown.length) return badUsage(`unknown option(s) for doctor: ${unknown.join(' ')}`);
    const report = doctor();
    if (rest.includes('--json')) console.log(JSON.stringify(report, null, 2));
    else console.log(formatDoctor(report));
    return 0;
  }
  if (command === 'verify') {
    return runVerifyCli(rest);
  }
  if (command === 'diff') {
    return runDiffCli(rest);
  }
  return badUsage(`unknown command: ${command}`);
}

function badUsage(message: string): number {
  console.error(`seed-everything: ${message}\n\n${usage}`);
  return 64;
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
