#!/usr/bin/env python3
"""Writes a seed-everything trace (docs/trace-format.md) with only the standard library: the same
checkpoints as test/programs/trace/kinds.ts records through trace(), so their hashes must agree."""
import array
import hashlib
import json
import os
import struct


def u64(n):
    return struct.pack('<Q', n)


def sized(b):
    return u64(len(b)) + b


def tagged(v):
    """The tagged encoding of an element of an array or object."""
    if v is None:
        return b'z'
    if isinstance(v, bool):
        return b'b' + (b'\x01' if v else b'\x00')
    if isinstance(v, float):
        return b'n' + struct.pack('<d', v)
    if isinstance(v, int):  # stands for a JavaScript bigint
        return b'i' + sized(str(v).encode('ascii'))
    if isinstance(v, str):
        return b's' + sized(v.encode('utf-8', 'surrogatepass'))
    if isinstance(v, tuple):  # (type name, array.array): a typed array
        name, arr = v
        return b't' + bytes([len(name)]) + name.encode('ascii') + sized(arr.tobytes())
    if isinstance(v, list):
        return b'a' + u64(len(v)) + b''.join(tagged(x) for x in v)
    if isinstance(v, dict):
        # JavaScript sorts keys by UTF-16 code units, which is big-endian UTF-16 byte order
        keys = sorted(v, key=lambda k: k.encode('utf-16-be', 'surrogatepass'))
        return b'o' + u64(len(v)) + b''.join(sized(k.encode('utf-8', 'surrogatepass')) + tagged(v[k]) for k in keys)
    raise TypeError(v)


CHECKPOINTS = [
    ('f32', 'float32', 4, array.array('f', [0.5, -1.25, 3e38, float('nan')]).tobytes()),
    ('f64', 'float64', 2, array.array('d', [3.141592653589793, -0.0]).tobytes()),
    ('i32', 'int32', 2, array.array('i', [-1, 2147483647]).tobytes()),
    ('u64', 'biguint64', 2, array.array('Q', [0, 2**64 - 1]).tobytes()),
    ('num', 'number', 1, struct.pack('<d', 0.1)),
    ('big', 'bigint', 1, str(2**64 - 1).encode('ascii')),
    ('str', 'string', 8, 'h\u00e9llo \U0001F600'.encode('utf-8')),
    ('lone', 'string', 3, 'a\ud800b'.encode('utf-8', 'surrogatepass')),
    ('bool', 'boolean', 1, b'\x01'),
    ('null', 'null', 0, b''),
    ('obj', 'object', 2, tagged({'b': [1.0, 'x', True, None], 'a': 2})),
    ('arr', 'array', 2, tagged([('uint8', array.array('B', [1, 2])), 1.5])),
]

if __name__ == '__main__':
    with open(os.environ['SEED_EVERYTHING_TRACE'], 'a') as f:
        f.write(json.dumps({'k': 'header', 'format': 'seed-everything-trace', 'version': 1, 'hash': 'sha256-128', 'writer': 'writer.py'}) + '\n')
        for name, kind, length, data in CHECKPOINTS:
            f.write(json.dumps({'k': 'cp', 'name': name, 'n': 0, 'hash': hashlib.sha256(data).hexdigest()[:32], 'type': kind, 'length': length}) + '\n')
