#pragma once
// Bulk MT19937 kernels for the compat generators (lib/compat). They work in place on the state
// words that JavaScript owns (the engine's Uint32Array), so JS and C++ always see one state: each
// kernel takes the position, consumes words exactly as the one-at-a-time JS path would, and
// returns the new position. The floating-point formulas call the C library's own log, sin, cos
// and sqrt, because that is what CPython and numpy call: only the same functions give the same
// last bit (PyTorch's normals: torch_normal.h). No N-API here.
#include <cstddef>
#include <cstdint>

namespace seed_everything {
namespace mt19937 {

constexpr int kN = 624;

// Regenerates all kN words.
void Twist(uint32_t* state);

// True for the states that give only zeros from the next regeneration on: every word zero except
// the low 31 bits of word 0, which the recurrence never reads. No seed produces one.
bool IsDegenerate(const uint32_t* state);

// pos is in [0, kN]; kN means the state must be regenerated before the next word.
int FillUint32(uint32_t* state, int pos, uint32_t* out, size_t n);
// CPython's random() / numpy's random_sample: ((a >> 5) * 2^26 + (b >> 6)) / 2^53.
int FillRes53(uint32_t* state, int pos, double* out, size_t n);
// PyTorch's float rand: (word & 0xFFFFFF) * 2^-24, one word per value.
int FillFloat24(uint32_t* state, int pos, float* out, size_t n);

// numpy's legacy cached spare (RandomState's has_gauss / gauss).
struct GaussCache {
  bool has = false;
  double value = 0.0;
};

// numpy's legacy polar-method gaussians; with affine, loc + scale * g as numpy's normal().
int FillLegacyGauss(uint32_t* state, int pos, GaussCache* cache, double* out, size_t n, bool affine, double loc,
                    double scale);

// CPython's gauss() pair from its two random() draws: (cos part returned, sin part cached).
void PyGaussPair(double u1, double u2, double* first, double* spare);
// numpy's polar factor sqrt(-2 log(r2) / r2).
double LegacyGaussFactor(double r2);

}  // namespace mt19937
}  // namespace seed_everything
