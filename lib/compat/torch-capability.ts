// Which of PyTorch's CPU kernels a TorchGenerator reproduces. torch builds its ATen kernels once
// per capability and picks one per process; rand and randint give the same numbers under every
// capability, normal/randn do not (docs/compat.md).
import { invalidArgType, outOfRange } from '../core/errors';
import { philoxSimdSupported } from '../philox/philox';

/** torch's own names for its x86 kernel sets (`ATEN_CPU_CAPABILITY`). */
export type TorchCpuCapability = 'default' | 'avx2' | 'avx512';

const TORCH_CPU_CAPABILITIES: readonly TorchCpuCapability[] = Object.freeze(['default', 'avx2', 'avx512']);

const EXPECTED = "'default', 'avx2' or 'avx512'";

function isCapability(value: unknown): value is TorchCpuCapability {
  return typeof value === 'string' && (TORCH_CPU_CAPABILITIES as readonly string[]).includes(value);
}

export function toTorchCpuCapability(value: unknown, name: string): TorchCpuCapability {
  if (typeof value !== 'string') throw invalidArgType(name, `one of ${EXPECTED}`, value);
  if (!isCapability(value)) throw outOfRange(name, `one of ${EXPECTED}`, value);
  return value;
}

let avx2Fma: boolean | undefined;

/**
 * cpuinfo's test as torch uses it: AVX2 and FMA, usable by the OS. The addon asks the CPU the same
 * way (`__builtin_cpu_supports`) for its own AVX2 path, which exists only on x86.
 */
function cpuHasAvx2Fma(): boolean {
  avx2Fma ??= (process.arch === 'x64' || process.arch === 'ia32') && philoxSimdSupported('avx2');
  return avx2Fma;
}

/**
 * What torch 1.13 picks (`compute_cpu_capability` in aten/src/ATen/native/DispatchStub.cpp): a
 * valid `ATEN_CPU_CAPABILITY` wins, even 'avx512' and even where the CPU lacks it; any other value
 * is ignored (torch warns); then 'avx2' when the CPU has AVX2 and FMA, else 'default'. 1.13 never
 * picks 'avx512' by itself (it is opt-in there: pytorch/pytorch#80252).
 */
export function torchDefaultCpuCapability(
  override: string | undefined = process.env.ATEN_CPU_CAPABILITY,
  hasAvx2Fma: () => boolean = cpuHasAvx2Fma,
): TorchCpuCapability {
  if (isCapability(override)) return override;
  return hasAvx2Fma() ? 'avx2' : 'default';
}
