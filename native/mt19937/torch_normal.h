#pragma once
// PyTorch 1.13's CPU normal distribution, per CPU capability, bit for bit. torch compiles its
// kernels once per capability (ATen "DEFAULT" with -O3, "AVX2" with -O3 -mavx2 -mfma; normal has
// no AVX-512 kernel in 1.13, so avx512 runs the AVX2 one) with GCC, whose default
// -ffp-contract=fast fuses multiplies and adds, intrinsics included. The functions here repeat
// those operations one lane at a time with the same roundings, fused where torch's binary is.
// No N-API here.
#include <cstddef>

namespace seed_everything {
namespace torch_normal {

// torch's normal_fill for float tensors of 16 or more values, applied to `blocks` blocks of 16
// uniforms in place: values j and j + 8 of a block come from the pair (j, j + 8).
//  - vectorised false: the portable fill (float logf, cosf, sinf from the C library, no fusion);
//  - vectorised true: the AVX2 fill (avx_mathfun's log256_ps and sincos256_ps as GCC 12 fuses
//    them, then fma(radius * cos, std, mean)).
void Fill16(float* data, size_t blocks, bool vectorised, float mean, float std);

// at::normal_distribution<double>'s pair from two 53-bit uniforms: r = sqrt(-2 log(1 - u2)),
// theta = 2 pi u1; (r cos theta returned, r sin theta cached on the generator).
void Pair(double u1, double u2, double* first, double* spare);

// transformation::normal: x * std + mean, one rounding when fused (the AVX2 kernel).
double Affine(double x, double std, double mean, bool fused);

}  // namespace torch_normal
}  // namespace seed_everything
