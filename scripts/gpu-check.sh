#!/usr/bin/env bash
# The GPU checks in one run, for a machine with an NVIDIA GPU, Node.js and this checkout built
# (npm install). Finds pip's nvidia/*/lib folders of every python3 on PATH for cuRAND and cuDNN,
# runs the *.gpu.test.ts files, verify and the benchmarks, and writes everything to ${OUT:-gpu-results}/.
#   bash scripts/gpu-check.sh
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-gpu-results}
mkdir -p "$out"
libs=$(python3 - <<'PY' 2>/dev/null
import glob, site, sys
dirs = set()
for base in site.getsitepackages() + [site.getusersitepackages()]:
    dirs.update(glob.glob(base + "/nvidia/*/lib"))
print(":".join(sorted(dirs)))
PY
)
[ -n "$libs" ] && export SEED_EVERYTHING_CUDA_PATH="$libs"
echo "SEED_EVERYTHING_CUDA_PATH=${SEED_EVERYTHING_CUDA_PATH:-}" | tee "$out/env.txt"
nvidia-smi > "$out/nvidia-smi.txt" 2>&1
node dist/cli/index.js doctor --json > "$out/doctor.json" 2>&1
node dist/cli/index.js doctor 2>&1 | tee "$out/doctor.txt"
SEED_EVERYTHING_REQUIRE=gpu,cudnn,curand timeout 420 npm run test:gpu 2>&1 | tee "$out/test-gpu.txt"
timeout 300 node dist/cli/index.js verify --repeats 20 2> "$out/verify-progress.txt" | tee "$out/verify.txt"
node dist/cli/index.js verify --repeats 5 --json > "$out/verify.json" 2>/dev/null
timeout 300 npm run bench -- philox 2>&1 | tee "$out/bench-philox.txt"
