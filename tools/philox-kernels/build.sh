#!/bin/sh
# Builds the kernel microbenchmark into build-probe/kernels-bench, or into the folder given (not
# part of the package build).
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
out="${1:-$root/build-probe}"
mkdir -p "$out"
common="-O3 -std=c++17 -ffp-contract=off -I$root/include -I$root/native/philox -DSE_PHILOX_VARIANTS"
e="$root/native/philox"
flags() { node -p "require('$root/native/sources.json').flags.$1.join(' ')"; }
avx2=$(flags avx2)
avx512=$(flags avx512)
g++ $common -c "$e/philox_scalar.cc" -o "$out/k-scalar.o"
g++ $common $avx2 -c "$e/philox_avx2.cc" -o "$out/k-avx2.o"
g++ $common $avx512 -c "$e/philox_avx512.cc" -o "$out/k-avx512.o"
g++ $common "$root/tools/philox-kernels/bench.cc" "$out/k-scalar.o" "$out/k-avx2.o" "$out/k-avx512.o" \
  -o "$out/kernels-bench" -pthread
