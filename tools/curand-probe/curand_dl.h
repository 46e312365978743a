// The handful of host-API entry points the probes need, resolved from libcurand.so.10 at run
// time so no CUDA header or import library is involved.
#pragma once
#include <dlfcn.h>
#include <cstddef>
#include <cstdio>
#include <cstdlib>

struct CurandDl {
  using Gen = void*;
  int (*create_host)(Gen*, int);
  int (*destroy)(Gen);
  int (*set_seed)(Gen, unsigned long long);
  int (*set_offset)(Gen, unsigned long long);
  int (*set_ordering)(Gen, int);
  int (*gen_u32)(Gen, unsigned*, size_t);
  int (*gen_uniform)(Gen, float*, size_t);
  int (*gen_uniform_d)(Gen, double*, size_t);
  int (*gen_normal)(Gen, float*, size_t, float, float);
  int (*gen_normal_d)(Gen, double*, size_t, double, double);
  int (*gen_lognormal)(Gen, float*, size_t, float, float);
  int (*gen_lognormal_d)(Gen, double*, size_t, double, double);

  template <typename F>
  static void bind(void* lib, const char* name, F& fn) {
    fn = reinterpret_cast<F>(dlsym(lib, name));
    if (!fn) {
      std::fprintf(stderr, "missing %s\n", name);
      std::exit(2);
    }
  }

  CurandDl() {
    const char* path = std::getenv("CURAND_LIB");
    void* lib = dlopen(path ? path : "libcurand.so.10", RTLD_NOW);
    if (!lib) {
      std::fprintf(stderr, "dlopen: %s\n", dlerror());
      std::exit(2);
    }
    bind(lib, "curandCreateGeneratorHost", create_host);
    bind(lib, "curandDestroyGenerator", destroy);
    bind(lib, "curandSetPseudoRandomGeneratorSeed", set_seed);
    bind(lib, "curandSetGeneratorOffset", set_offset);
    bind(lib, "curandSetGeneratorOrdering", set_ordering);
    bind(lib, "curandGenerate", gen_u32);
    bind(lib, "curandGenerateUniform", gen_uniform);
    bind(lib, "curandGenerateUniformDouble", gen_uniform_d);
    bind(lib, "curandGenerateNormal", gen_normal);
    bind(lib, "curandGenerateNormalDouble", gen_normal_d);
    bind(lib, "curandGenerateLogNormal", gen_lognormal);
    bind(lib, "curandGenerateLogNormalDouble", gen_lognormal_d);
  }

  // A host Philox generator at (seed, offset); aborts on any failing status.
  Gen philox(unsigned long long seed, unsigned long long offset) const {
    Gen g = nullptr;
    check(create_host(&g, 161), "create");
    check(set_seed(g, seed), "seed");
    check(set_offset(g, offset), "offset");
    return g;
  }

  static void check(int st, const char* what) {
    if (st != 0) {
      std::fprintf(stderr, "curand %s: status %d\n", what, st);
      std::exit(3);
    }
  }
};
