/* seed-everything's native API for other addons: one table of plain C function pointers that
 * reads and advances the same process-wide state as the package's JS API (root seed, each CUDA
 * device's Philox (seed, offset), cuDNN flags, convolution algorithm selection).
 *
 * Get it in JS with require('seed-everything').nativeApi() and hand the value to your addon,
 * which checks it with se_import_api() from import.h. This header needs neither Node nor CUDA.
 *
 * Compatibility rules:
 *  - abi_version changes only when an existing slot changes meaning or layout; an addon built
 *    for another ABI is refused.
 *  - feature_version grows when slots are appended; struct_size says how many bytes are there.
 *    Slots are never removed or reordered, so an addon built against an older header keeps
 *    working with a newer package.
 *  - Every function returns an int status (SE_STATUS_*), never throws and never aborts.
 *  - The table is immutable and lives until the process exits: keep the pointer, in any thread.
 *  - Every copy of the package loaded in the process (two versions in one dependency tree) serves
 *    the same state through its own table, so reservations never overlap between them. A copy
 *    that cannot share the state (another internal state layout) refuses to hand out its table
 *    (nativeApi() throws ERR_NATIVE_API_INCOMPATIBLE; doctor says which copies are loaded).
 */
#ifndef SEED_EVERYTHING_API_H
#define SEED_EVERYTHING_API_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SE_API_ABI_VERSION 1
#define SE_API_FEATURE_VERSION 1

/* The napi_type_tag of every value nativeApi() returns. Fixed forever: an external carrying any
 * other tag (or none) is not this table. */
#define SE_API_TYPE_TAG_LOWER 0x65c9d426686890cdULL
#define SE_API_TYPE_TAG_UPPER 0x55e05abc2621277cULL

enum {
  SE_STATUS_OK = 0,
  SE_STATUS_INVALID_ARGUMENT = 1, /* a required pointer was NULL, or an enum value is unknown */
  SE_STATUS_OUT_OF_RANGE = 2,     /* device outside [0, 1024), increment not below 2^62 */
  SE_STATUS_UNAVAILABLE = 3,      /* the slot exists but this build cannot serve it */
  SE_STATUS_NOT_SUPPORTED = 4,    /* cuDNN selection: no admissible algorithm */
  SE_STATUS_WORKSPACE = 5,        /* cuDNN selection: admissible ones all exceed the workspace limit */
  SE_STATUS_INTERNAL = 6          /* out of memory or another failure inside the package */
};

typedef struct se_cudnn_flags {
  int deterministic; /* 0 or 1 */
  int benchmark;     /* 0 or 1 */
} se_cudnn_flags;

enum { SE_CONV_FORWARD = 0, SE_CONV_BACKWARD_DATA = 1, SE_CONV_BACKWARD_FILTER = 2 };

/* Which cuDNN query the flags call for, before selection. */
enum {
  SE_PERF_DEFAULT_WORKSPACE = 0, /* deterministic && !benchmark: only the default algorithm's entry */
  SE_PERF_HEURISTIC = 1,         /* cudnnGetConvolution*Algorithm_v7 */
  SE_PERF_BENCHMARK = 2          /* cudnnFindConvolution*AlgorithmEx */
};

/* Same layout as cuDNN's legacy cudnnConvolution{Fwd,BwdData,BwdFilter}AlgoPerf_t, so an array
 * returned by cuDNN can be passed as is. */
typedef struct se_cudnn_algo_perf {
  int algo;
  int status;      /* cudnnStatus_t; 0 is success */
  float time;      /* milliseconds */
  size_t memory;   /* workspace bytes */
  int determinism; /* 1 deterministic */
  int math_type;
  int reserved[3];
} se_cudnn_algo_perf;

enum { SE_ALGO_SOURCE_DEFAULT = 0, SE_ALGO_SOURCE_HEURISTIC = 1, SE_ALGO_SOURCE_BENCHMARK = 2 };

typedef struct se_cudnn_algo_choice {
  int algo;
  int deterministic;
  size_t workspace_bytes;
  int math_type;
  int source; /* SE_ALGO_SOURCE_* */
} se_cudnn_algo_choice;

typedef struct se_api {
  uint32_t abi_version;
  uint32_t feature_version;
  uint32_t struct_size; /* bytes of this table in the running package */
  uint32_t reserved0;

  /* feature 1 */
  const char* version; /* the package's version, e.g. "0.1.0" */

  /* *is_set = 0 (and *seed untouched) until seedEverything / setRootSeed ran. */
  int (*root_seed)(uint64_t* seed, int* is_set);

  /* Device `device`'s Philox state before the reservation, then its offset advanced by
   * `increment` rounded up to a multiple of 4, atomically. Use outputs offset .. offset +
   * increment - 1 of the stream for seed (philox.h); nobody else will be handed them. */
  int (*philox_reserve)(int device, uint64_t increment, uint64_t* seed, uint64_t* offset);

  /* The state a reservation would start from, without advancing it. */
  int (*philox_state)(int device, uint64_t* seed, uint64_t* offset);

  int (*get_cudnn_flags)(se_cudnn_flags* out);
  int (*set_cudnn_flags)(const se_cudnn_flags* flags);

  /* SE_PERF_* for `flags`, or for the process's flags when flags is NULL. */
  int (*cudnn_perf_query)(const se_cudnn_flags* flags, int* query);

  /* The package's choice among `count` perf results for `direction` (SE_CONV_*) under `flags`
   * (NULL: the process's flags) within `workspace_limit` bytes. On SE_STATUS_NOT_SUPPORTED or
   * SE_STATUS_WORKSPACE the reason is written to `message` (may be NULL), truncated to fit. */
  int (*cudnn_select_algo)(int direction, const se_cudnn_flags* flags, const se_cudnn_algo_perf* perf, int count,
                           size_t workspace_limit, se_cudnn_algo_choice* out, char* message, size_t message_size);
} se_api;

static inline const char* se_status_name(int status) {
  switch (status) {
    case SE_STATUS_OK: return "SE_STATUS_OK";
    case SE_STATUS_INVALID_ARGUMENT: return "SE_STATUS_INVALID_ARGUMENT";
    case SE_STATUS_OUT_OF_RANGE: return "SE_STATUS_OUT_OF_RANGE";
    case SE_STATUS_UNAVAILABLE: return "SE_STATUS_UNAVAILABLE";
    case SE_STATUS_NOT_SUPPORTED: return "SE_STATUS_NOT_SUPPORTED";
    case SE_STATUS_WORKSPACE: return "SE_STATUS_WORKSPACE";
    case SE_STATUS_INTERNAL: return "SE_STATUS_INTERNAL";
    default: return "SE_STATUS_UNKNOWN";
  }
}

#ifdef __cplusplus
}
#endif

#endif
