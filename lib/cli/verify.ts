// `seed-everything verify`: option parsing and exit codes. 0 = every algorithm cuDNN calls
// deterministic was reproducible, 1 = one was not, 2 = no GPU or no cuDNN, 64 = bad usage,
// 74 = the report could not be written.
import * as cuda from '../cuda/devices';
import { cudnn } from '../cudnn';
import { cudnnUnavailableError } from '../cudnn/conv';
import { formatVerify, verifyCudnn } from '../cudnn/verify';
import { parseOptions, printReport, usageError } from './output';

const VERIFY_USAGE = `usage: seed-everything verify [--json] [--device N] [--repeats K]

Runs every cuDNN convolution algorithm K times on device N and reports which ones are bit-for-bit
reproducible, beside what cuDNN documents about them.

options:
  --json          print the report as JSON
  --device N      the CUDA device (default 0)
  --repeats K     runs per algorithm, 2 to 10000 (default 10)
  --help, -h      this text

exit status: 0 every algorithm cuDNN calls deterministic was reproducible, 1 one was not,
2 no GPU or no cuDNN here, 64 bad usage, 74 the report could not be written`;

export interface VerifyCliOptions {
  json: boolean;
  device: number;
  repeats: number;
}

function parseVerifyArgs(args: string[]): VerifyCliOptions | 'help' | string {
  const values = parseOptions(args, { json: { type: 'boolean' }, device: { type: 'string' }, repeats: { type: 'string' } });
  if (typeof values === 'string') return values;
  if (values.help) return 'help';
  const out: VerifyCliOptions = { json: values.json === true, device: 0, repeats: 10 };
  for (const key of ['device', 'repeats'] as const) {
    const v = values[key];
    if (v === undefined) continue;
    const n = Number(v);
    if (typeof v !== 'string' || !/^\d+$/.test(v) || !Number.isSafeInteger(n)) return `--${key} needs a non-negative integer`;
    if (key === 'repeats' && (n < 2 || n > 10000)) return '--repeats must be in [2, 10000]';
    out[key] = n;
  }
  return out;
}

export async function runVerifyCli(args: string[]): Promise<number> {
  const parsed = parseVerifyArgs(args);
  if (parsed === 'help') return printReport('verify', VERIFY_USAGE, 0);
  if (typeof parsed === 'string') return usageError('verify', parsed, VERIFY_USAGE);
  const problems = [cuda.deviceProblem(parsed.device), cudnn.isAvailable() ? null : cudnnUnavailableError()].flatMap((e) => (e ? [e.message] : []));
  if (problems.length) {
    if (parsed.json) return printReport('verify', JSON.stringify({ schema: 1, ok: false, error: problems.join('\n') }, null, 2), 2);
    process.stderr.write(`seed-everything verify: cannot run here.\n  ${problems.join('\n  ')}\n`);
    return 2;
  }
  const report = await verifyCudnn({ device: parsed.device, repeats: parsed.repeats, progress: !parsed.json });
  return printReport('verify', parsed.json ? JSON.stringify(report, null, 2) : formatVerify(report), report.ok ? 0 : 1);
}
