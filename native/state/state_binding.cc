// Process-wide seeds, per-device Philox states and cuDNN flags (state/process_state.h).
#include <napi.h>

#include "core/bindings.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "state/process_state.h"
#include "state/rendezvous.h"

namespace seed_everything {
namespace {

int DeviceArg(const Napi::Value& value) {
  int32_t device = ToInt32(value, "device");
  if (device < 0 || device >= kMaxDevices) {
    Throw(value.Env(), "RangeError", "ERR_OUT_OF_RANGE", "device must be in [0, " + std::to_string(kMaxDevices) + ")");
  }
  return device;
}

Napi::Value SetRootSeed(const Napi::CallbackInfo& info) {
  ProcessState::Get().SetRootSeed(ToU64(info[0], "seed"));
  return info.Env().Undefined();
}

Napi::Value ClearRootSeed(const Napi::CallbackInfo& info) {
  ProcessState::Get().ClearRootSeed();
  return info.Env().Undefined();
}

Napi::Value GetRootSeed(const Napi::CallbackInfo& info) {
  uint64_t seed = 0;
  if (!ProcessState::Get().RootSeed(&seed)) return info.Env().Null();
  return FromU64(info.Env(), seed);
}

Napi::Value ManualSeedAll(const Napi::CallbackInfo& info) {
  ProcessState::Get().ManualSeedAll(ToU64(info[0], "seed"));
  return info.Env().Undefined();
}

Napi::Value ManualSeed(const Napi::CallbackInfo& info) {
  ProcessState::Get().ManualSeed(DeviceArg(info[1]), ToU64(info[0], "seed"));
  return info.Env().Undefined();
}

Napi::Value GetDeviceState(const Napi::CallbackInfo& info) {
  PhiloxState s = ProcessState::Get().DeviceState(DeviceArg(info[0]));
  Napi::Array out = Napi::Array::New(info.Env(), 2);
  out[0u] = FromU64(info.Env(), s.seed);
  out[1u] = FromU64(info.Env(), s.offset);
  return out;
}

Napi::Value SetDeviceState(const Napi::CallbackInfo& info) {
  ProcessState::Get().SetDeviceState(DeviceArg(info[0]), PhiloxState{ToU64(info[1], "seed"), ToU64(info[2], "offset")});
  return info.Env().Undefined();
}

Napi::Value ReserveDeviceOffset(const Napi::CallbackInfo& info) {
  uint64_t increment = ToU64(info[1], "increment");
  if (increment >= (1ULL << 62)) Throw(info.Env(), "RangeError", "ERR_OUT_OF_RANGE", "increment must be below 2^62");
  PhiloxState s = ProcessState::Get().Reserve(DeviceArg(info[0]), increment);
  Napi::Array out = Napi::Array::New(info.Env(), 2);
  out[0u] = FromU64(info.Env(), s.seed);
  out[1u] = FromU64(info.Env(), s.offset);
  return out;
}

// [allSeed, [[device, seed, offset], ...]]
Napi::Value GetDeviceTable(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ProcessState::DeviceTable table = ProcessState::Get().Devices();
  Napi::Array devices = Napi::Array::New(env, table.devices.size());
  uint32_t i = 0;
  for (const auto& [device, state] : table.devices) {
    Napi::Array row = Napi::Array::New(env, 3);
    row[0u] = Napi::Number::New(env, device);
    row[1u] = FromU64(env, state.seed);
    row[2u] = FromU64(env, state.offset);
    devices[i++] = row;
  }
  Napi::Array out = Napi::Array::New(env, 2);
  out[0u] = FromU64(env, table.all_seed);
  out[1u] = devices;
  return out;
}

Napi::Value SetDeviceTable(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  ProcessState::DeviceTable table{ToU64(info[0], "allSeed"), {}};
  if (!info[1].IsArray()) Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", "devices must be an array");
  Napi::Array rows = info[1].As<Napi::Array>();
  for (uint32_t i = 0; i < rows.Length(); ++i) {
    Napi::Value v = rows[i];
    if (!v.IsArray() || v.As<Napi::Array>().Length() != 3) Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", "each device row is [device, seed, offset]");
    Napi::Array row = v.As<Napi::Array>();
    table.devices[DeviceArg(row[0u])] = PhiloxState{ToU64(row[1u], "seed"), ToU64(row[2u], "offset")};
  }
  ProcessState::Get().RestoreDevices(table);
  return env.Undefined();
}

Napi::Value GetCudnnFlags(const Napi::CallbackInfo& info) {
  Napi::Object out = Napi::Object::New(info.Env());
  out.Set("deterministic", ProcessState::Get().cudnn_deterministic.load());
  out.Set("benchmark", ProcessState::Get().cudnn_benchmark.load());
  return out;
}

Napi::Value SetCudnnFlag(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsString() || !info[1].IsBoolean()) {
    Throw(env, "TypeError", "ERR_INVALID_ARG_TYPE", "setCudnnFlag(name: string, value: boolean)");
  }
  std::string name = info[0].As<Napi::String>();
  bool value = info[1].As<Napi::Boolean>();
  if (name == "deterministic") ProcessState::Get().cudnn_deterministic.store(value);
  else if (name == "benchmark") ProcessState::Get().cudnn_benchmark.store(value);
  else Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "unknown cuDNN flag " + name);
  return env.Undefined();
}

const char* RoleName(StateRole role) {
  switch (role) {
    case StateRole::kOwner: return "owner";
    case StateRole::kAdopted: return "adopted";
    default: return "incompatible";
  }
}

// Which copy of the addon owns the process state and whether this one shares it (doctor).
Napi::Value StateInfo(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const StateAttachment& a = Attachment();
  Napi::Object out = Napi::Object::New(env);
  out.Set("role", RoleName(a.role));
  out.Set("layout", a.layout);
  out.Set("path", a.self_path);
  out.Set("copies", ProcessState::Get().Copies());
  Napi::Object owner = Napi::Object::New(env);
  owner.Set("version", a.owner_version);
  owner.Set("path", a.owner_path);
  owner.Set("layout", a.owner_layout);
  out.Set("owner", owner);
  return out;
}

}  // namespace

void InitState(Napi::Env env, Napi::Object exports) {
  // Meet the other copies now, while Node holds its addon-loading lock, not on some later call.
  ProcessState::Get();
  ExportFunctions(env, exports, {
      {"setRootSeed", SetRootSeed},
      {"getRootSeed", GetRootSeed},
      {"clearRootSeed", ClearRootSeed},
      {"stateInfo", StateInfo},
      {"manualSeedAll", ManualSeedAll},
      {"manualSeed", ManualSeed},
      {"getDeviceState", GetDeviceState},
      {"setDeviceState", SetDeviceState},
      {"reserveDeviceOffset", ReserveDeviceOffset},
      {"getDeviceTable", GetDeviceTable},
      {"setDeviceTable", SetDeviceTable},
      {"getCudnnFlags", GetCudnnFlags},
      {"setCudnnFlag", SetCudnnFlag},
  });
}

}  // namespace seed_everything
