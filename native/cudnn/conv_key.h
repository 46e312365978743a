#pragma once
// Everything that identifies one 2-D convolution for algorithm selection. Two convolutions with
// equal keys get the same algorithm from the cache, so every field that can change cuDNN's answer
// is here, the flags included.
#include <array>
#include <cstddef>
#include <string>
#include <tuple>

#include "cudnn/select.h"

namespace seed_everything {

constexpr int kCudnnDataFloat = 0;
constexpr int kCudnnDataHalf = 2;
constexpr int kCudnnTensorNchw = 0;
constexpr int kCudnnTensorNhwc = 1;

struct ConvKey {
  ConvDirection direction = ConvDirection::kForward;
  int device = 0;
  int data_type = kCudnnDataFloat;
  int layout = kCudnnTensorNchw;
  int math_type = 0;
  int groups = 1;
  std::array<int, 4> input{};   // n, c, h, w (logical, whatever the layout)
  std::array<int, 4> filter{};  // k, c / groups, r, s
  std::array<int, 2> padding{};
  std::array<int, 2> stride{1, 1};
  std::array<int, 2> dilation{1, 1};
  size_t workspace_limit = 0;
  bool deterministic = false;
  bool benchmark = false;

  auto Tie() const {
    return std::tie(direction, device, data_type, layout, math_type, groups, input, filter, padding, stride, dilation,
                    workspace_limit, deterministic, benchmark);
  }
  bool operator<(const ConvKey& o) const { return Tie() < o.Tie(); }
  bool operator==(const ConvKey& o) const { return Tie() == o.Tie(); }
};

// Output n, k, p, q of a cross-correlation with this key's geometry.
std::array<int, 4> ConvOutputDims(const ConvKey& key);

}  // namespace seed_everything
