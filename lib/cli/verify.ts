// `seed-everything verify`: option parsing and exit codes. 0 = every algorithm cuDNN calls
// deterministic was reproducible, 1 = one was not, 2 = no GPU or no cuDNN, 64 = bad usage.
import * as cuda from '../cuda/devices';
import { cudnn } from '../cudnn';
import { libraryRecord } from '../doctor/libraries';
import { formatVerify, verifyCudnn } from '../cudnn/verify';

export interface VerifyCliOptions {
  json: boolean;
  device: number;
  repeats: number;
}

export function parseVerifyArgs(args: string[]): VerifyCliOptions | string {
  const out: VerifyCliOptions = { json: false, device: 0, repeats: 10 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') out.json = true;
    else if (a === '--device' || a === '--repeats') {
      const v = args[++i];
      const n = Number(v);
      if (v === undefined || !/^\d+$/.test(v) || !Number.isSafeInteger(n)) return `${a} needs a non-negative integer`;
      if (a === '--device') out.device = n;
      else if (n < 2 || n > 10000) return '--repeats must be in [2, 10000]';
      else out.repeats = n;
    } else return `unknown option for verify: ${a}`;
  }
  return out;
}

export async function runVerifyCli(args: string[]): Promise<number> {
  const parsed = parseVerifyArgs(args);
  if (typeof parsed === 'string') {
    console.error(`seed-everything verify: ${parsed}`);
    return 64;
  }
  const problems: string[] = [];
  if (!cuda.isAvailable()) problems.push(cuda.unavailableError().message);
  if (!cudnn.isAvailable()) {
    problems.push(
      `cuDNN is not available: ${libraryRecord('cudnn').error}. Install it (pip install nvidia-cudnn-cu13, or cuDNN from NVIDIA) ` +
        'or point SEED_EVERYTHING_CUDA_PATH at the folder holding libcudnn.so.9.',
    );
  }
  if (problems.length === 0 && parsed.device >= cuda.deviceCount()) {
    problems.push(`device ${parsed.device} does not exist (${cuda.deviceCount()} visible)`);
  }
  if (problems.length) {
    if (parsed.json) console.log(JSON.stringify({ schema: 1, ok: false, error: problems.join('\n') }, null, 2));
    else console.error(`seed-everything verify: cannot run here.\n  ${problems.join('\n  ')}`);
    return 2;
  }
  const report = await verifyCudnn({ device: parsed.device, repeats: parsed.repeats, progress: !parsed.json });
  console.log(parsed.json ? JSON.stringify(report, null, 2) : formatVerify(report));
  return report.ok ? 0 : 1;
}
