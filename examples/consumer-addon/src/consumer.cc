// An addon that draws Philox numbers from seed-everything's process-wide device state, the way a
// CUDA extension would before launching a kernel: reserve (seed, offset) through the table, then
// compute the stream for that pair with philox.h (here on the CPU; the same calls work in a
// kernel). Plain Node-API C, so it builds without node-addon-api.
#include <node_api.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "seed_everything/import.h"
#include "seed_everything/philox.h"

namespace {

// The table is immutable and process-wide, so one pointer serves every environment and thread.
std::atomic<const se_api*> g_api{nullptr};

napi_value Throw(napi_env env, const std::string& message) {
  napi_throw_error(env, "ERR_CONSUMER", message.c_str());
  return nullptr;
}

const se_api* Api(napi_env env) {
  const se_api* api = g_api.load();
  if (api == nullptr) Throw(env, "call init(require('seed-everything').nativeApi()) first");
  return api;
}

bool Check(napi_env env, int status, const char* what) {
  if (status == SE_STATUS_OK) return true;
  Throw(env, std::string(what) + " failed: " + se_status_name(status));
  return false;
}

size_t Args(napi_env env, napi_callback_info info, napi_value* argv, size_t max) {
  size_t argc = max;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  for (size_t i = argc; i < max; i++) napi_get_undefined(env, &argv[i]);
  return argc;
}

int32_t Int(napi_env env, napi_value v, int32_t fallback) {
  int32_t out = fallback;
  napi_get_value_int32(env, v, &out);
  return out;
}

uint64_t U64(napi_env env, napi_value v) {
  uint64_t out = 0;
  bool lossless = false;
  if (napi_get_value_bigint_uint64(env, v, &out, &lossless) != napi_ok) {
    int64_t n = 0;
    napi_get_value_int64(env, v, &n);
    out = n < 0 ? 0 : static_cast<uint64_t>(n);
  }
  return out;
}

napi_value BigInt(napi_env env, uint64_t v) {
  napi_value out;
  napi_create_bigint_uint64(env, v, &out);
  return out;
}

napi_value Pair(napi_env env, uint64_t seed, uint64_t offset) {
  napi_value out;
  napi_create_array_with_length(env, 2, &out);
  napi_set_element(env, out, 0, BigInt(env, seed));
  napi_set_element(env, out, 1, BigInt(env, offset));
  return out;
}

// init(nativeApi, neededBytes?): neededBytes exists only to show the importer's size check.
napi_value Init(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  size_t argc = Args(env, info, argv, 2);
  char message[512];
  const se_api* api = nullptr;
  int failed = argc > 1 ? se_import_api_sized(env, argv[0], static_cast<size_t>(Int(env, argv[1], 0)), &api, message,
                                              sizeof message)
                        : se_import_api(env, argv[0], &api, message, sizeof message);
  if (failed) return Throw(env, message);
  g_api.store(api);
  napi_value out, v;
  napi_create_object(env, &out);
  napi_create_uint32(env, api->abi_version, &v);
  napi_set_named_property(env, out, "abiVersion", v);
  napi_create_uint32(env, api->feature_version, &v);
  napi_set_named_property(env, out, "featureVersion", v);
  napi_create_uint32(env, api->struct_size, &v);
  napi_set_named_property(env, out, "structSize", v);
  napi_create_string_utf8(env, api->version, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, out, "version", v);
  return out;
}

napi_value RootSeed(napi_env env, napi_callback_info info) {
  const se_api* api = Api(env);
  if (api == nullptr) return nullptr;
  uint64_t seed = 0;
  int set = 0;
  if (!Check(env, api->root_seed(&seed, &set), "root_seed")) return nullptr;
  if (set) return BigInt(env, seed);
  napi_value null;
  napi_get_null(env, &null);
  return null;
}

// reserve(device, increment) -> [seed, offset] before the reservation.
napi_value Reserve(napi_env env, napi_callback_info info) {
  const se_api* api = Api(env);
  if (api == nullptr) return nullptr;
  napi_value argv[2];
  Args(env, info, argv, 2);
  uint64_t seed = 0, offset = 0;
  if (!Check(env, api->philox_reserve(Int(env, argv[0], -1), U64(env, argv[1]), &seed, &offset), "philox_reserve")) {
    return nullptr;
  }
  return Pair(env, seed, offset);
}

napi_value State(napi_env env, napi_callback_info info) {
  const se_api* api = Api(env);
  if (api == nullptr) return nullptr;
  napi_value argv[1];
  Args(env, info, argv, 1);
  uint64_t seed = 0, offset = 0;
  if (!Check(env, api->philox_state(Int(env, argv[0], -1), &seed, &offset), "philox_state")) return nullptr;
  return Pair(env, seed, offset);
}

// generate(device, count) -> { seed, offset, values: Uint32Array }: reserves `count` outputs and
// computes them four at a time, as a kernel thread would.
napi_value Generate(napi_env env, napi_callback_info info) {
  const se_api* api = Api(env);
  if (api == nullptr) return nullptr;
  napi_value argv[2];
  Args(env, info, argv, 2);
  int32_t count = Int(env, argv[1], -1);
  if (count < 0) return Throw(env, "count must be a non-negative integer");
  uint64_t seed = 0, offset = 0;
  if (!Check(env, api->philox_reserve(Int(env, argv[0], -1), static_cast<uint64_t>(count), &seed, &offset),
             "philox_reserve")) {
    return nullptr;
  }
  void* data = nullptr;
  napi_value buffer, values;
  napi_create_arraybuffer(env, static_cast<size_t>(count) * 4, &data, &buffer);
  napi_create_typedarray(env, napi_uint32_array, static_cast<size_t>(count), buffer, 0, &values);
  uint32_t* out = static_cast<uint32_t*>(data);
  namespace px = seed_everything::philox;
  for (int32_t i = 0; i < count; i += 4) {
    px::u32x4 b = px::block_from(seed, offset, static_cast<uint64_t>(i / 4));
    for (int32_t j = 0; j < 4 && i + j < count; j++) out[i + j] = b.v[j];
  }
  napi_value result;
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "seed", BigInt(env, seed));
  napi_set_named_property(env, result, "offset", BigInt(env, offset));
  napi_set_named_property(env, result, "values", values);
  return result;
}

napi_value BigUint64Array(napi_env env, const std::vector<uint64_t>& v) {
  void* data = nullptr;
  napi_value buffer, out;
  napi_create_arraybuffer(env, v.size() * 8, &data, &buffer);
  if (!v.empty()) std::memcpy(data, v.data(), v.size() * 8);
  napi_create_typedarray(env, napi_biguint64_array, v.size(), buffer, 0, &out);
  return out;
}

// reserveFromThreads(device, threads, perThread) -> { seeds, offsets, increments }: every thread
// reserves at once, with increments that are not multiples of 4, to show that no two
// reservations ever share an output.
napi_value ReserveFromThreads(napi_env env, napi_callback_info info) {
  const se_api* api = Api(env);
  if (api == nullptr) return nullptr;
  napi_value argv[3];
  Args(env, info, argv, 3);
  const int device = Int(env, argv[0], -1);
  const int threads = Int(env, argv[1], 0);
  const int per_thread = Int(env, argv[2], 0);
  if (threads <= 0 || threads > 256 || per_thread <= 0) return Throw(env, "threads in [1, 256], perThread > 0");
  const size_t total = static_cast<size_t>(threads) * static_cast<size_t>(per_thread);
  std::vector<uint64_t> seeds(total), offsets(total), increments(total);
  std::atomic<int> failures{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; t++) {
    pool.emplace_back([&, t]() {
      while (!go.load()) std::this_thread::yield();
      for (int k = 0; k < per_thread; k++) {
        size_t slot = static_cast<size_t>(t) * per_thread + k;
        increments[slot] = 1 + static_cast<uint64_t>(t * 7 + k) % 13;
        if (api->philox_reserve(device, increments[slot], &seeds[slot], &offsets[slot]) != SE_STATUS_OK) failures++;
      }
    });
  }
  go.store(true);
  for (auto& th : pool) th.join();
  if (failures.load() != 0) return Throw(env, "philox_reserve failed in a thread");
  napi_value out;
  napi_create_object(env, &out);
  napi_set_named_property(env, out, "seeds", BigUint64Array(env, seeds));
  napi_set_named_property(env, out, "offsets", BigUint64Array(env, offsets));
  napi_set_named_property(env, out, "increments", BigUint64Array(env, increments));
  return out;
}

napi_value Flags(napi_env env, const se_cudnn_flags& f) {
  napi_value out, v;
  napi_create_object(env, &out);
  napi_get_boolean(env, f.deterministic != 0, &v);
  napi_set_named_property(env, out, "deterministic", v);
  napi_get_boolean(env, f.benchmark != 0, &v);
  napi_set_named_property(env, out, "benchmark", v);
  return out;
}

napi_value CudnnFlags(napi_env env, napi_callback_info info) {
  const se_api* api = Api(env);
  if (api == nullptr) return nullptr;
  se_cudnn_flags f;
  if (!Check(env, api->get_cudnn_flags(&f), "get_cudnn_flags")) return nullptr;
  return Flags(env, f);
}

napi_value SetCudnnFlags(napi_env env, napi_callback_info info) {
  const se_api* api = Api(env);
  if (api == nullptr) return nullptr;
  napi_value argv[2];
  Args(env, info, argv, 2);
  bool det = false, bench = false;
  napi_get_value_bool(env, argv[0], &det);
  napi_get_value_bool(env, argv[1], &bench);
  se_cudnn_flags f = {det ? 1 : 0, bench ? 1 : 0};
  if (!Check(env, api->set_cudnn_flags(&f), "set_cudnn_flags")) return nullptr;
  return Flags(env, f);
}

double Field(napi_env env, napi_value object, const char* name) {
  napi_value v;
  double out = 0;
  if (napi_get_named_property(env, object, name, &v) == napi_ok) napi_get_value_double(env, v, &out);
  return out;
}

// selectAlgo(direction, [{ algo, status, time, memory, determinism }], workspaceLimit) under the
// process's flags -> { status, algo?, source?, deterministic?, workspace?, message }.
napi_value SelectAlgo(napi_env env, napi_callback_info info) {
  const se_api* api = Api(env);
  if (api == nullptr) return nullptr;
  napi_value argv[3];
  Args(env, info, argv, 3);
  uint32_t count = 0;
  napi_get_array_length(env, argv[1], &count);
  std::vector<se_cudnn_algo_perf> perf(count);
  for (uint32_t i = 0; i < count; i++) {
    napi_value item;
    napi_get_element(env, argv[1], i, &item);
    std::memset(&perf[i], 0, sizeof perf[i]);
    perf[i].algo = static_cast<int>(Field(env, item, "algo"));
    perf[i].status = static_cast<int>(Field(env, item, "status"));
    perf[i].time = static_cast<float>(Field(env, item, "time"));
    perf[i].memory = static_cast<size_t>(Field(env, item, "memory"));
    perf[i].determinism = static_cast<int>(Field(env, item, "determinism"));
  }
  se_cudnn_algo_choice choice;
  std::memset(&choice, 0, sizeof choice);
  char message[256];
  double limit = 0;
  napi_get_value_double(env, argv[2], &limit);
  int status = api->cudnn_select_algo(Int(env, argv[0], -1), nullptr, perf.data(), static_cast<int>(count),
                                      static_cast<size_t>(limit),
                                      &choice, message, sizeof message);
  napi_value out, v;
  napi_create_object(env, &out);
  napi_create_string_utf8(env, se_status_name(status), NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, out, "status", v);
  napi_create_string_utf8(env, message, NAPI_AUTO_LENGTH, &v);
  napi_set_named_property(env, out, "message", v);
  if (status == SE_STATUS_OK) {
    napi_create_int32(env, choice.algo, &v);
    napi_set_named_property(env, out, "algo", v);
    napi_create_int32(env, choice.source, &v);
    napi_set_named_property(env, out, "source", v);
    napi_get_boolean(env, choice.deterministic != 0, &v);
    napi_set_named_property(env, out, "deterministic", v);
    napi_create_double(env, static_cast<double>(choice.workspace_bytes), &v);
    napi_set_named_property(env, out, "workspace", v);
  }
  return out;
}

// Another external, tagged or not, that must never pass for the table.
napi_value ForeignExternal(napi_env env, napi_callback_info info) {
  static int payload = 0;
  static const napi_type_tag other = {0x1ULL, 0x2ULL};
  napi_value argv[1];
  Args(env, info, argv, 1);
  bool tagged = false;
  napi_get_value_bool(env, argv[0], &tagged);
  napi_value out;
  napi_create_external(env, &payload, nullptr, nullptr, &out);
  if (tagged) napi_type_tag_object(env, out, &other);
  return out;
}

}  // namespace

NAPI_MODULE_INIT() {
  const napi_property_descriptor props[] = {
      {"init", nullptr, Init, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"rootSeed", nullptr, RootSeed, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"reserve", nullptr, Reserve, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"state", nullptr, State, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"generate", nullptr, Generate, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"reserveFromThreads", nullptr, ReserveFromThreads, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"cudnnFlags", nullptr, CudnnFlags, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"setCudnnFlags", nullptr, SetCudnnFlags, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"selectAlgo", nullptr, SelectAlgo, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"foreignExternal", nullptr, ForeignExternal, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
