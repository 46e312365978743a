#!/usr/bin/python3
"""Writes test/fixtures/torch-golden.json from Debian's real PyTorch (python3-torch, 1.13).

Run from the repository root:  /usr/bin/python3 tools/golden/torch_golden.py
(Debian's torch lives in /usr/lib/python3/dist-packages: use /usr/bin/python3, not a pip python.)

torch picks its CPU kernels once per process from ATEN_CPU_CAPABILITY, else from what cpuinfo
reports (AVX2 and FMA: avx2; otherwise default; 1.13 never picks avx512 by itself), so this script
runs itself once per capability in a child process with ATEN_CPU_CAPABILITY set, and checks that
torch.__config__.show() reports the capability asked for. Every expected value is produced by
torch here. Tensors of every size are stored, in the order of "sizes", as the first 16 hex digits of the SHA-256 of their
little-endian bytes (float32 for rand/randn/normal, int64 for randint); the call sequences, which
exercise the state carried between calls, are stored value by value (float32 values written as
the exact double they convert to, int64 beyond 2^53 as "Nn" strings).
"""
import hashlib
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "torch-golden.json"
COMMAND = "/usr/bin/python3 tools/golden/torch_golden.py"
CAPABILITIES = {"default": "NO AVX", "avx2": "AVX2", "avx512": "AVX512"}
SAFE = 2**53 - 1

SEEDS = [0, 1, 2, 3, 7, 42, 2024, 123456789, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**32 + 1,
         2**53, 2**53 + 1, 2**63 - 1, 2**63, 2**64 - 1, 67280421310721, 0xDEADBEEFCAFEBABE,
         -1, -(2**63)]
SIZES = list(range(1, 16)) + [16, 17, 31, 32, 33, 1000, 100000]
# Float path (n >= 16) casts mean and std to float; neither 0.1 nor 0.3 is exact in binary, so
# the products round and a fused multiply-add shows.
NORMAL = (0.1, 0.3)
RANDINT = (-3, 1000)
REFUSED_SEEDS = [2**64, 2**64 + 5, -(2**63) - 1]
SEQUENCE_SEEDS = [0, 42, 2**32 + 7, 2**64 - 1]
SEQUENCE = [
    ("randn", 3), ("randn", 1), ("rand", 2), ("randn", 20), ("randn", 5),
    ("normal", 1.5, 2.0, 3), ("normal", -7.25, 0.1, 17), ("randn", 1),
    ("randint", 0, 2**32, 4), ("randint", -(2**62), 2**62, 3),
    ("randint", -(2**63), 2**63 - 1, 2), ("randint", 5, 6, 3), ("randn", 2),
    ("normal", 1000.0, 0.001, 1), ("rand", 1), ("randn", 15), ("normal", 0.1, 0.3, 32),
    ("randint", -(2**31), 2**31, 5), ("randn", 16), ("normal", 3.0, 0.0, 2), ("randn", 1),
]


def digest(t):
    return hashlib.sha256(t.contiguous().numpy().tobytes()).hexdigest()[:16]


def enc_int(v):
    v = int(v)
    return v if -SAFE <= v <= SAFE else f"{v}n"


def draw(torch, g, op):
    name, *args = op
    n = args[-1]
    if name == "rand":
        return torch.rand(n, generator=g)
    if name == "randn":
        return torch.randn(n, generator=g)
    if name == "normal":
        return torch.normal(args[0], args[1], size=(n,), generator=g)
    if name == "randint":
        return torch.randint(args[0], args[1], (n,), generator=g)
    raise ValueError(name)


def values(t):
    if t.dtype == __import__("torch").int64:
        return [enc_int(v) for v in t.tolist()]
    return [float(v) for v in t.tolist()]


def run_capability(capability):
    import torch

    shown = [line.strip() for line in torch.__config__.show().splitlines() if "CPU capability" in line]
    want = f"CPU capability usage: {CAPABILITIES[capability]}"
    if shown != [f"- {want}"]:
        raise SystemExit(f"asked for {capability}, torch reports {shown}")

    def fresh(seed):
        g = torch.Generator()
        g.manual_seed(seed)
        return g

    seeds = []
    for seed in SEEDS:
        torch.manual_seed(seed)
        entry = {"seed": str(seed), "initialSeed": str(torch.initial_seed()), "hashes": {}}
        ops = {
            "rand": lambda n: ("rand", n),
            "randn": lambda n: ("randn", n),
            "normal": lambda n: ("normal", *NORMAL, n),
            "randint": lambda n: ("randint", *RANDINT, n),
        }
        for method, make in ops.items():
            entry["hashes"][method] = [digest(draw(torch, fresh(seed), make(n))) for n in SIZES]
        seeds.append(entry)

    refused = []
    for seed in REFUSED_SEEDS:
        try:
            torch.manual_seed(seed)
            refused.append({"seed": str(seed), "error": None})
        except (RuntimeError, OverflowError, ValueError) as e:
            refused.append({"seed": str(seed), "error": f"{type(e).__name__}: {e}"})

    sequences = []
    for seed in SEQUENCE_SEEDS:
        g = fresh(seed)
        calls = [{"op": [a if isinstance(a, float) else enc_int(a) if isinstance(a, int) else a for a in op],
                  "values": values(draw(torch, g, op))} for op in SEQUENCE]
        sequences.append({"seed": str(seed), "initialSeed": str(g.initial_seed()), "calls": calls})

    # normal(mean, std) below 16 values computes x * std + mean in double, x being the raw
    # Box-Muller value; with mean = -(x * std) the result is 0 when the product is rounded before
    # the addition and the product's rounding error when the two are fused (an fma).
    cancel = []
    for seed in [0, 1, 42]:
        x = torch.randn(1, dtype=torch.float64, generator=fresh(seed)).item()
        for std in (0.3, 1.7):
            mean = -(x * std)
            got = torch.normal(mean, std, size=(1,), generator=fresh(seed)).item()
            cancel.append({"seed": str(seed), "mean": mean, "std": std, "value": got})

    return {"torchConfig": shown[0], "seeds": seeds, "refusedSeeds": refused, "sequences": sequences,
            "cancel": cancel}


def cpu_flags():
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return None
    model = next((l.split(":", 1)[1].strip() for l in text.splitlines() if l.startswith("model name")), None)
    flags = next((l.split(":", 1)[1].split() for l in text.splitlines() if l.startswith("flags")), [])
    return {"model": model, "flags": sorted(f for f in flags if f in ("avx", "avx2", "fma", "avx512f", "avx512bw", "avx512dq", "avx512vl"))}


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--capability":
        json.dump(run_capability(sys.argv[2]), sys.stdout)
        return
    if "ATEN_CPU_CAPABILITY" in os.environ:
        raise SystemExit("unset ATEN_CPU_CAPABILITY: the fixture records what torch picks by itself")
    import torch

    chosen = [line.strip() for line in torch.__config__.show().splitlines() if "CPU capability" in line]
    results = {}
    for capability in CAPABILITIES:
        env = {**os.environ, "ATEN_CPU_CAPABILITY": capability}
        out = subprocess.run([sys.executable, __file__, "--capability", capability], env=env,
                             check=True, capture_output=True, text=True).stdout
        results[capability] = json.loads(out)
    fixture = {
        "command": COMMAND,
        "note": "each capability was run in its own process with ATEN_CPU_CAPABILITY=<capability>",
        "torch": torch.__version__,
        "python": platform.python_version(),
        "libc": " ".join(platform.libc_ver()),
        "machine": platform.machine(),
        "cpu": cpu_flags(),
        "chosenWithoutOverride": chosen[0] if chosen else None,
        "sizes": SIZES,
        "normal": list(NORMAL),
        "randint": list(RANDINT),
        "capabilities": results,
    }
    OUT.write_text(json.dumps(fixture, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
