#!/usr/bin/env python3
"""Writes test/fixtures/compat-golden.json from the real CPython `random` and numpy.

Run from the repository root:  python3 tools/golden/compat_golden.py
Every expected value in the fixture is produced here by the libraries themselves. Integers
outside the double-exact range are written as decimal strings ending in "n"; floats are
written with repr(), which round-trips exactly. PyTorch's values come from real torch:
tools/golden/torch_golden.py.
"""
import json
import math
import platform
import random
import sys
from pathlib import Path

import numpy as np

SAFE = 2**53 - 1
OUT = Path(__file__).resolve().parents[2] / "test" / "fixtures" / "compat-golden.json"


def enc(v):
    """JSON-safe encoding: big ints as 'Nn' strings, numpy scalars/arrays unwrapped."""
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        v = int(v)
        return v if -SAFE <= v <= SAFE else f"{v}n"
    if isinstance(v, (float, np.floating)):
        return float(v)
    if isinstance(v, np.ndarray):
        return [enc(x) for x in v.ravel().tolist()]
    if isinstance(v, (list, tuple, range)):
        return [enc(x) for x in v]
    if v is None:
        return None
    if isinstance(v, str):
        return v
    raise TypeError(type(v))


# ---------------------------------------------------------------- CPython random
PY_SEEDS = [0, 1, 2, 3, 7, 11, 42, 100, 99999, 2**31 - 1, 2**31, 2**32 - 1, 2**32, 2**53 + 1,
            2**63, 2**64 - 1, 2**100 + 7, 12345678901234567890123, 2**1000 + 1, -5, -(2**70),
            "abc", "", "hello world \u00fc\u4e16"]


def py_ops(r):
    ops = []

    def op(name, *args):
        res = getattr(r, name)(*args)
        ops.append([name, enc(list(args)), enc(res)])

    for _ in range(3):
        op("random")
    for k in (0, 1, 31, 32, 33, 53, 64, 100, 1000):
        op("getrandbits", k)
    for a, b in ((1, 100), (1, 100), (5, 5), (0, 2**31 - 1), (0, 2**32 - 1), (0, 2**32),
                 (-(2**31), 2**31), (0, 2**53 - 1), (0, 2**53), (-(2**60), 2**60), (0, 2**100)):
        op("randint", a, b)
    for args in ((10,), (1,), (0, 100, 7), (100, 0, -3), (-50, 50, 5), (3, 4), (2**64,),
                 (0, 2**70, 2**20), (-7, 2**40, 3)):
        op("randrange", *args)
    for n in (1, 7, 1000, 2**20):
        ops.append(["choice", [n], r.choice(range(n))])
    for n in (0, 1, 2, 10, 100):
        x = list(range(n))
        r.shuffle(x)
        ops.append(["shuffle", [n], x])
    for n, k in ((10, 0), (10, 10), (100, 5), (1000, 10), (50, 20), (10000, 30), (21, 3), (22, 3), (200, 60)):
        ops.append(["sample", [n, k], r.sample(range(n), k)])
    op("uniform", -3.0, 7.0)
    op("uniform", 0.0, 1e-300)
    for _ in range(3):
        op("gauss", 0.0, 1.0)
    ops.append(["getstate", [], enc(list(r.getstate()[1])) + [r.getstate()[2]]])
    op("gauss", 2.0, 0.5)
    op("gauss", -1.0, 3.0)
    op("random")
    return ops


def python_section():
    cases = []
    for s in PY_SEEDS:
        r = random.Random(s)
        cases.append({"seed": enc(s), "ops": py_ops(r)})
    g = random.Random(123)
    many_gauss = [g.gauss(0.0, 1.0) for _ in range(2000)]
    # More seeds and a non-trivial mu/sigma, for the bit-exact gauss() contract.
    gauss_seeds = []
    for s in (0, 7, 2**40 + 3, "gauss"):
        g = random.Random(s)
        gauss_seeds.append({"seed": enc(s), "values": [g.gauss(0.25, 3.5) for _ in range(5000)]})
    r11 = random.Random()
    r11.seed(11)
    founding = [r11.randint(1, 100), r11.randint(1, 100)]
    return {"cases": cases, "gauss2000_seed123": many_gauss, "gauss_mu025_sigma35": gauss_seeds,
            "seed11_randint_1_100": founding}


# ---------------------------------------------------------------- numpy legacy RandomState
NP_SEEDS = [0, 1, 2, 3, 5, 7, 8, 9, 11, 17, 42, 100, 2024, 12345, 31337, 99999, 2**16, 2**31 - 1,
            2**31, 123456789, 2**32 - 1, [1, 2, 3], [0], [2**32 - 1, 5], list(range(700))]

RANDINT_CASES = [
    ((10,), {"size": 5}), ((5, 6), {"size": 3}), ((0, 2**31), {"size": 3}), ((0, 2**32), {"size": 3}),
    ((0, 2**32 + 1), {"size": 3}), ((-(2**31), 2**31), {"size": 3}), ((0, 2**40), {"size": 3}),
    ((0, 2**53), {"size": 2}), ((0, 2**53 + 5), {"size": 2}), ((-(2**63), 2**63 - 1), {"size": 2}),
    ((-(2**63), 2**63), {"size": 2}), ((2**62, 2**63), {"size": 2}), ((100,), {}), ((-5, 5), {}),
    ((0, 2**31), {"size": 3, "dtype": "int32"}), ((-(2**31), 2**31), {"size": 3, "dtype": "int32"}),
    ((0, 1000), {"size": 20}), ((-(2**63), -(2**63) + 1), {"size": 2}),
]


def np_state(rs):
    name, key, pos, has_gauss, gauss = rs.get_state()
    return [name, enc(key), int(pos), int(has_gauss), float(gauss)]


def np_ops(rs):
    ops = []

    def op(name, args, kwargs, res):
        ops.append([name, enc(list(args)), kwargs, enc(res)])

    op("rand", [5], {}, rs.rand(5))
    op("randomSample", [], {}, rs.random_sample())
    op("rand", [2, 3], {}, rs.rand(2, 3))
    op("randn", [3], {}, rs.randn(3))
    ops.append(["getState", [], {}, np_state(rs)])
    op("standardNormal", [4], {}, rs.standard_normal(4))
    op("randn", [], {}, rs.randn())
    op("normal", [1.5, 2.0, 3], {}, rs.normal(1.5, 2.0, 3))
    op("normal", [], {}, rs.normal())
    op("uniform", [-2.0, 5.0, 3], {}, rs.uniform(-2.0, 5.0, 3))
    op("uniform", [], {}, rs.uniform())
    for args, kw in RANDINT_CASES:
        kw2 = dict(kw)
        if "dtype" in kw2:
            kw2["dtype"] = getattr(np, kw2["dtype"])
        op("randint", args, kw, rs.randint(*args, **kw2))
    for n in (0, 1, 2, 10, 100):
        x = np.arange(n)
        rs.shuffle(x)
        op("shuffle", [n], {}, x)
    op("permutation", [20], {}, rs.permutation(20))
    op("permutation", [[10, 20, 30, 40, 50]], {}, rs.permutation([10, 20, 30, 40, 50]))
    op("rand", [1000], {}, rs.rand(1000))
    op("randn", [5], {}, rs.randn(5))
    ops.append(["getState", [], {}, np_state(rs)])
    return ops


def np_bulk_gauss(seed):
    """Long gaussian runs: an odd count leaves a spare cached across the bulk and scalar calls."""
    rs = np.random.RandomState(seed)
    ops = []

    def op(name, args, res):
        ops.append([name, enc(list(args)), {}, enc(res)])

    op("randn", [20001], rs.randn(20001))
    ops.append(["getState", [], {}, np_state(rs)])
    op("normal", [0.5, 3.0, 4999], rs.normal(0.5, 3.0, 4999))
    for _ in range(3):
        op("randn", [], rs.randn())
    op("standardNormal", [7], rs.standard_normal(7))
    op("normal", [-2.0, 0.125], rs.normal(-2.0, 0.125))
    ops.append(["getState", [], {}, np_state(rs)])
    return ops


def numpy_section():
    cases = []
    for s in NP_SEEDS:
        rs = np.random.RandomState(s)
        cases.append({"seed": enc(s), "ops": np_ops(rs)})
    bulk = [{"seed": s, "ops": np_bulk_gauss(s)} for s in (123, 2**32 - 1)]
    return {"cases": cases, "bulk_gauss": bulk}


# ---------------------------------------------------------------- SeedSequence
SS_CASES = [
    (0, (), 4), (1, (), 4), (42, (), 4), (2**32, (), 4), (2**64 - 1, (), 4), (2**128 + 3, (), 4),
    ([1, 2, 3], (), 4), ([0, 0], (), 4), ([2**70, 5], (), 4), (12345678901234567890, (), 4),
    (42, (0,), 4), (42, (1, 2), 4), (42, (2**33,), 4), (7, (), 8), ([5] * 20, (3,), 8),
    (2**256 - 1, (4, 5, 6), 5), (0, (0,), 4), ([], (), 4), ([], (1,), 4),
]


def seedseq_section():
    cases = []
    for entropy, key, pool in SS_CASES:
        ss = np.random.SeedSequence(entropy, spawn_key=key, pool_size=pool)
        first = ss.spawn(3)
        again = ss.spawn(2)
        cases.append({
            "entropy": enc(entropy), "spawnKey": enc(list(key)), "poolSize": pool,
            "pool": enc(ss.pool), "u32": enc(ss.generate_state(8)),
            "u64": enc(ss.generate_state(4, np.uint64)),
            "children": [{"spawnKey": enc(list(c.spawn_key)), "u32": enc(c.generate_state(4))} for c in first + again],
            "nChildrenSpawned": ss.n_children_spawned,
        })
    return {"cases": cases}


# ---------------------------------------------------------------- what the libraries refuse
def errors_section():
    r = random.Random(1)
    rs = np.random.RandomState(1)
    checks = {
        "py.sample_too_large": lambda: r.sample(range(3), 4),
        "py.sample_negative": lambda: r.sample(range(3), -1),
        "py.choice_empty": lambda: r.choice([]),
        "py.randrange_0": lambda: r.randrange(0),
        "py.randrange_empty": lambda: r.randrange(5, 5),
        "py.randrange_zero_step": lambda: r.randrange(0, 10, 0),
        "py.randrange_empty_step": lambda: r.randrange(0, 10, -1),
        "py.randint_reversed": lambda: r.randint(10, 1),
        "py.getrandbits_negative": lambda: r.getrandbits(-1),
        "py.randrange_float": lambda: r.randrange(1.5),
        "np.seed_negative": lambda: np.random.RandomState(-1),
        "np.seed_2_32": lambda: np.random.RandomState(2**32),
        "np.seed_empty_array": lambda: np.random.RandomState([]),
        "np.randint_empty": lambda: rs.randint(5, 5),
        "np.randint_low_oob": lambda: rs.randint(-(2**63) - 1, 0),
        "np.randint_high_oob": lambda: rs.randint(0, 2**63 + 1),
        "np.randint_int32_oob": lambda: rs.randint(0, 2**31 + 1, dtype=np.int32),
        "np.normal_negative_scale": lambda: rs.normal(0, -1),
        "np.uniform_infinite": lambda: rs.uniform(-np.inf, np.inf),
        "np.set_state_bad_name": lambda: rs.set_state(("PCG64", np.zeros(624, np.uint32), 0)),
        "ss.negative": lambda: np.random.SeedSequence(-1),
        "ss.float": lambda: np.random.SeedSequence(1.5),
        "ss.small_pool": lambda: np.random.SeedSequence(1, pool_size=3),
    }
    out = {}
    for name, fn in checks.items():
        try:
            fn()
            out[name] = None
        except Exception as e:  # the class name is the contract we mirror
            out[name] = type(e).__name__
    return out


def main():
    data = {
        "command": "python3 tools/golden/compat_golden.py",
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "platform": platform.platform(),
        "python_random": python_section(),
        "numpy_random_state": numpy_section(),
        "seed_sequence": seedseq_section(),
        "errors": errors_section(),
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
