// Why CUDA cannot be used, in one place for doctor, verify and ERR_CUDA_UNAVAILABLE. The CUDA
// runtime answers cudaErrorInsufficientDriver both when there is no driver at all and when the
// driver is older than the runtime; whether libcuda.so.1 loaded tells the two apart.
import type { CudaStatus } from './devices';
import type { DoctorReport } from '../doctor/doctor';
import { cudaErrorCode } from '../core/errors';
import type { LibraryName, LibraryRecord } from '../doctor/libraries';

export interface CudaProblem {
  reason: 'no-driver' | 'driver-too-old' | 'no-runtime' | 'no-device' | 'runtime-error';
  /** ERR_CUDA_NO_DRIVER, ERR_CUDA_INSUFFICIENT_DRIVER, ERR_CUDA_NO_RUNTIME, ERR_CUDA_NO_DEVICE, ERR_CUDA_<NAME> */
  code: string;
  /** one sentence, e.g. "no NVIDIA driver (libcuda.so.1 not found)" */
  text: string;
  /** a second problem behind the first: no usable runtime either */
  also?: string;
}

const notFound = /not found|no such file|cannot open shared object/i;

/** null when a device is usable. */
export function cudaProblem(status: CudaStatus, libs: Record<LibraryName, LibraryRecord>): CudaProblem | null {
  if (status.available) return null;
  const driver = libs.cuda;
  const noRuntime = status.runtimeLoaded ? undefined : `no CUDA runtime could be loaded (${status.runtimeError ?? 'not loaded'})`;
  if (!driver.loaded) {
    const why = driver.error ?? 'not loaded';
    const missing = notFound.test(why) || driver.attempts.every((a) => a.error !== null && notFound.test(a.error));
    const text = missing ? 'no NVIDIA driver (libcuda.so.1 not found)' : `no usable NVIDIA driver (libcuda.so.1: ${why})`;
    return { reason: 'no-driver', code: 'ERR_CUDA_NO_DRIVER', text, also: noRuntime };
  }
  if (noRuntime) return { reason: 'no-runtime', code: 'ERR_CUDA_NO_RUNTIME', text: noRuntime };
  if (status.error === 'cudaErrorInsufficientDriver') {
    const runtime = libs.cudart.version ? `the CUDA ${libs.cudart.version} runtime` : 'the CUDA runtime';
    return {
      reason: 'driver-too-old',
      code: 'ERR_CUDA_INSUFFICIENT_DRIVER',
      text: `the NVIDIA driver (CUDA ${driver.version ?? '?'}) is older than ${runtime} needs: update the driver or use an older CUDA runtime`,
    };
  }
  if (status.error === null || status.error === 'cudaErrorNoDevice') {
    return { reason: 'no-device', code: 'ERR_CUDA_NO_DEVICE', text: 'the NVIDIA driver sees no CUDA device' };
  }
  return { reason: 'runtime-error', code: cudaErrorCode(status.error), text: `${status.error}: ${status.errorMessage ?? ''}` };
}

/** cudaProblem for a doctor report (also one read back from JSON). */
export function reportProblem(r: DoctorReport): CudaProblem | null {
  if (!r.libraries) return null;
  const libs = r.libraries;
  return cudaProblem(
    {
      available: r.cuda.available,
      deviceCount: r.cuda.deviceCount,
      runtimeLoaded: libs.cudart.loaded,
      error: r.cuda.error,
      errorMessage: r.cuda.errorMessage,
      runtimeError: libs.cudart.loaded ? null : libs.cudart.error,
    },
    libs,
  );
}

/**
 * doctor's first line, e.g. "GPU: no — no NVIDIA driver (libcuda.so.1 not found); CPU generators:
 * yes; host cuRAND: yes".
 */
export function doctorVerdict(r: DoctorReport): string {
  if (!r.addon.loaded || !r.libraries) return 'GPU: unknown; CPU generators: no — the native addon did not load (see below); host cuRAND: no';
  const problem = reportProblem(r);
  const gpu = problem ? `GPU: no — ${problem.text}` : `GPU: yes — ${r.cuda.deviceCount} device(s), driver CUDA ${r.cuda.driverVersion ?? '?'}`;
  return `${gpu}; CPU generators: yes; host cuRAND: ${r.curand.available ? 'yes' : 'no'}`;
}
