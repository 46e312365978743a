#!/bin/sh
# Builds the probes and the engine self-check into build-probe/ (not part of the package build).
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/build-probe"
mkdir -p "$out"
common="-O3 -std=c++17 -ffp-contract=off -I$root/include -I$root/native/philox"
e="$root/native/philox"
flags() { node -p "require('$root/native/sources.json').flags.$1.join(' ')"; }
avx2=$(flags avx2)
avx512=$(flags avx512)
g++ $common -c "$e/philox_scalar.cc" -o "$out/scalar.o"
g++ $common -c "$e/philox_dispatch.cc" -o "$out/dispatch.o"
g++ $common -c "$e/philox_fill.cc" -o "$out/fill.o"
g++ $common -c "$e/philox_pool.cc" -o "$out/pool.o"
g++ $common $avx2 -c "$e/philox_avx2.cc" -o "$out/avx2.o"
g++ $common $avx512 -c "$e/philox_avx512.cc" -o "$out/avx512.o"
engine="$out/scalar.o $out/dispatch.o $out/fill.o $out/pool.o $out/avx2.o $out/avx512.o"
g++ $common "$root/tools/curand-probe/probe.cc" -o "$out/probe" -ldl
g++ $common "$root/tools/curand-probe/selfcheck.cc" $engine -o "$out/selfcheck" -ldl -pthread
g++ $common "$root/tools/curand-probe/speed.cc" $engine -o "$out/speed" -ldl -pthread
g++ $common "$root/tools/curand-probe/fixture.cc" -o "$out/fixture" -ldl
g++ $common "$root/tools/curand-probe/block.cc" -o "$out/block"
g++ $common "$root/tools/curand-probe/past64.cc" -o "$out/past64" -ldl
