// Keeps the per-instruction-set static libraries non-empty whatever native/sources.json lists.
namespace seed_everything { namespace simd_anchor { int unused = 0; } }
