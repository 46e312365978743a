// The addon's PyTorch normals (native/mt19937/torch_normal.cc): the C library's logf/cosf/sinf
// and log/cos/sin, and fused multiply-adds where torch's compiled kernels fuse, none of which
// JavaScript's Math reproduces to the last bit.
import { binding } from '../core/binding';
import { scratch, slotBuffer } from './native';

interface TorchNative {
  /** slots[0..1] = (u1, u2) → (r cos θ, r sin θ), normal_distribution<double>'s pair. */
  compatTorchNormalPair(slots: ArrayBuffer): void;
  /** slots[0..2] = (x, std, mean) → slots[0] = fma(x, std, mean). */
  compatTorchFusedAffine(slots: ArrayBuffer): void;
  /** Every whole block of 16 uniforms in `out` becomes 16 normals, in place. */
  compatTorchNormalFill16(out: Float32Array, vectorised: boolean, mean: number, std: number): void;
}

let native: TorchNative | undefined;
let slots: Float64Array | undefined;

function load(): TorchNative {
  slots = scratch();
  native = binding<TorchNative>();
  return native;
}

/** The pair's first value; the spare is left in `scratch()[1]`. */
export function torchNormalPair(u1: number, u2: number): number {
  const n = native ?? load();
  const s = slots as Float64Array;
  s[0] = u1;
  s[1] = u2;
  n.compatTorchNormalPair(slotBuffer());
  return s[0];
}

/** `x * std + mean` with one rounding. */
export function torchFusedAffine(x: number, std: number, mean: number): number {
  const n = native ?? load();
  const s = slots as Float64Array;
  s[0] = x;
  s[1] = std;
  s[2] = mean;
  n.compatTorchFusedAffine(slotBuffer());
  return s[0];
}

export function torchNormalFill16(out: Float32Array, vectorised: boolean, mean: number, std: number): void {
  (native ?? load()).compatTorchNormalFill16(out, vectorised, mean, std);
}

export function torchSpare(): number {
  return (slots as Float64Array)[1];
}
