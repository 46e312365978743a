#!/usr/bin/env python3
"""Golden values for deriveSeed: numpy's SeedSequence(root, spawn_key=path).generate_state(1, uint64).

Path parts are recorded as {"s": text} or {"n": decimal}. String path parts are hashed exactly as the package hashes string seeds: SHA-256 of the UTF-8 text,
first 8 bytes little-endian. Run: python3 tools/golden/derive_golden.py > test/fixtures/derive-golden.json
"""
import hashlib
import json
import platform
import sys

import numpy as np


def part(p):
    if isinstance(p, str):
        return int.from_bytes(hashlib.sha256(p.encode()).digest()[:8], "little")
    return p


roots = [0, 1, 7, 42, 2**32 - 1, 2**32, 2**53 - 1, 2**63, 2**64 - 1]
paths = [[], [0], [1], [0, 1], [1, 0], [3, 7, 2], ["Math.random"], ["tfjs", "dense_1/kernel"], ["worker", 0, 3], [2**64 - 1]]
cases = []
for r in roots:
    for p in paths:
        ss = np.random.SeedSequence(r, spawn_key=tuple(part(x) for x in p))
        enc = [{"s": x} if isinstance(x, str) else {"n": str(x)} for x in p]
        cases.append({"root": str(r), "path": enc, "seed": str(int(ss.generate_state(1, np.uint64)[0]))})

json.dump(
    {
        "command": "python3 tools/golden/derive_golden.py > test/fixtures/derive-golden.json",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "platform": platform.platform(),
        "cases": cases,
    },
    sys.stdout,
    indent=1,
)
print()
