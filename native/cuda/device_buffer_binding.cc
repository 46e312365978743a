// cuda.DeviceBuffer: one ObjectWrap per cudaMalloc'd block. Copies go straight between the typed
// array's memory and the device; sizes were checked in lib/device-buffer.ts and are re-checked here.
#include <napi.h>

#include "core/bindings.h"
#include "core/closable.h"
#include "core/errors.h"
#include "core/js_values.h"
#include "core/library_errors.h"
#include "cuda/cudart_api.h"
#include "cuda/use_device.h"

namespace seed_everything {
namespace {

class DeviceBuffer : public ClosableWrap<DeviceBuffer> {
 public:
  static void Export(Napi::Env env, Napi::Object exports) {
    ClosableWrap::Export(env, exports, "DeviceBuffer",
                         {
                             InstanceMethod<&DeviceBuffer::CopyFromHost>("copyFromHost"),
                             InstanceMethod<&DeviceBuffer::CopyToHost>("copyToHost"),
                             InstanceMethod<&DeviceBuffer::CopyFromDevice>("copyFromDevice"),
                             InstanceMethod<&DeviceBuffer::Zero>("zero"),
                             InstanceMethod<&DeviceBuffer::Ptr>("ptr"),
                         });
  }

  // new DeviceBuffer(device: number, byteLength: number)
  explicit DeviceBuffer(const Napi::CallbackInfo& info) : ClosableWrap(info) {
    Napi::Env env = info.Env();
    device_ = ToInt32(info[0], "device");
    double bytes = ToDouble(info[1], "byteLength");
    if (!(bytes > 0) || bytes > 9007199254740991.0) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "byteLength must be positive");
    bytes_ = static_cast<size_t>(bytes);
    UseDevice(env, device_);
    int status = Cudart().cudaMalloc(&ptr_, bytes_);
    if (status != 0) {
      ptr_ = nullptr;
      Cudart().cudaGetLastError();
      ThrowCuda(env, status, "cudaMalloc of " + std::to_string(bytes_) + " bytes");
    }
    Track(env);
  }

  ~DeviceBuffer() override { Close(true); }

 private:
  void Release(bool) override {
    Cudart().cudaSetDevice(device_);
    Cudart().cudaFree(ptr_);
    ptr_ = nullptr;
  }

  uint8_t* Live(Napi::Env env) {
    RequireOpen(env, "DeviceBuffer");
    UseDevice(env, device_);
    return static_cast<uint8_t*>(ptr_);
  }

  size_t Offset(const Napi::Value& v, size_t span, Napi::Env env) {
    double off = v.IsUndefined() ? 0 : ToDouble(v, "byteOffset");
    if (!(off >= 0) || off + static_cast<double>(span) > static_cast<double>(bytes_)) {
      Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "the copy does not fit the DeviceBuffer");
    }
    return static_cast<size_t>(off);
  }

  // (view, byteOffset?): one copy between the view's bytes and the device at byteOffset.
  Napi::Value CopyHost(const Napi::CallbackInfo& info, bool to_device) {
    Napi::Env env = info.Env();
    uint8_t* dev = Live(env);
    size_t n = 0;
    uint8_t* host = ViewBytes(info[0], &n);
    size_t off = Offset(info[1], n, env);
    if (n == 0) return env.Undefined();
    int status = to_device ? Cudart().cudaMemcpy(dev + off, host, n, kMemcpyHostToDevice)
                           : Cudart().cudaMemcpy(host, dev + off, n, kMemcpyDeviceToHost);
    if (status != 0) ThrowCuda(env, status, to_device ? "cudaMemcpy host to device" : "cudaMemcpy device to host");
    return env.Undefined();
  }

  Napi::Value CopyFromHost(const Napi::CallbackInfo& info) { return CopyHost(info, true); }
  Napi::Value CopyToHost(const Napi::CallbackInfo& info) { return CopyHost(info, false); }

  // copyFromDevice(srcPtr: bigint, bytes: number, byteOffset?)
  Napi::Value CopyFromDevice(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    uint8_t* dev = Live(env);
    void* src = reinterpret_cast<void*>(ToU64(info[0], "source"));
    double bytes = ToDouble(info[1], "bytes");
    if (!(bytes >= 0)) Throw(env, "RangeError", "ERR_OUT_OF_RANGE", "bytes must be non-negative");
    size_t n = static_cast<size_t>(bytes);
    size_t off = Offset(info[2], n, env);
    int status = Cudart().cudaMemcpy(dev + off, src, n, kMemcpyDeviceToDevice);
    if (status == 0) status = Cudart().cudaDeviceSynchronize();
    if (status != 0) ThrowCuda(env, status, "cudaMemcpy device to device");
    return env.Undefined();
  }

  Napi::Value Zero(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    int status = Cudart().cudaMemset(Live(env), 0, bytes_);
    if (status != 0) ThrowCuda(env, status, "cudaMemset");
    return env.Undefined();
  }

  Napi::Value Ptr(const Napi::CallbackInfo& info) {
    RequireOpen(info.Env(), "DeviceBuffer");
    return FromU64(info.Env(), reinterpret_cast<uint64_t>(ptr_));
  }

  void* ptr_ = nullptr;
  size_t bytes_ = 0;
  int device_ = 0;
};

}  // namespace

void InitDeviceBuffer(Napi::Env env, Napi::Object exports) {
  DeviceBuffer::Export(env, exports);
}

}  // namespace seed_everything
