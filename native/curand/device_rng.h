#pragma once
// Each CUDA device's default Philox generator: one cuRAND generator per device for the whole
// process, created on first use and positioned from the device's (seed, offset) in ProcessState
// before every draw, so it gives exactly `new Philox(seed, offset)`'s stream.
#include <cstddef>
#include <cstdint>
#include <string>

namespace seed_everything {

enum class DeviceDrawKind { kUniform, kNormal };

struct DeviceDrawResult {
  int curand_status = 0;  // non-zero: a cuRAND failure
  int cuda_status = 0;    // non-zero: a CUDA runtime failure
  std::string what;       // which call failed
  uint64_t seed = 0;      // the state the draw started from
  uint64_t offset = 0;
};

// Draws `count` float32 values into device memory at `out` on `device`.
DeviceDrawResult DeviceDraw(int device, DeviceDrawKind kind, float* out, size_t count, float mean, float stddev);

}  // namespace seed_everything
