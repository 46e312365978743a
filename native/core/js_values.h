#pragma once
// Conversions at the JS boundary. TypeScript validates first; these checks only keep a direct
// caller of the .node from crashing the process.
#include <napi.h>

#include <cstdint>
#include <string>

#include "dso/library.h"

namespace seed_everything {

uint64_t ToU64(const Napi::Value& value, const char* name);   // bigint in [0, 2^64), exact
int32_t ToInt32(const Napi::Value& value, const char* name);  // integral number in int32 range
double ToDouble(const Napi::Value& value, const char* name);
Napi::BigInt FromU64(Napi::Env env, uint64_t value);
Napi::Object LibraryRecordToJs(Napi::Env env, const dso::LibraryRecord& record);

}  // namespace seed_everything

namespace seed_everything {

// The bytes behind a typed array or DataView (also over a SharedArrayBuffer), without a copy.
// Throws ERR_INVALID_ARG_TYPE for anything else.
uint8_t* ViewBytes(const Napi::Value& value, size_t* byte_length);

}  // namespace seed_everything
