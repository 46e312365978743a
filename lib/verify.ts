// cuDNN determinism verification on a real GPU.
import { codedError } from './errors';

export interface VerifyReport {
  schema: 1;
  ok: boolean;
}

export async function verifyCudnn(_options: { device: number; repeats: number; progress: boolean }): Promise<VerifyReport> {
  throw codedError('Error', 'ERR_NOT_IMPLEMENTED', 'cuDNN verification is not available in this version');
}

export function formatVerify(report: VerifyReport): string {
  return JSON.stringify(report);
}
