// Shared by the sync and async Philox bindings.
#pragma once
#include <napi.h>

#include "philox_engine.h"

namespace seed_everything {

// (kind, out | count, seed, offset, anchor, mean, std, threads). With a typed array, out and
// count describe its memory; with a count, out is null.
philox::FillRequest ReadRequest(const Napi::CallbackInfo& info, unsigned* threads);
size_t ElementBytes(philox::Kind kind);
napi_typedarray_type ArrayType(philox::Kind kind);

void InitPhiloxAsync(Napi::Env env, Napi::Object exports);

}  // namespace seed_everything
