'use strict';
// Prints, as one JSON line, draws from Philox, PyRandom and NumpyRandomState of the package at
// argv[2] (plain JavaScript: it runs under the arm64 node in qemu and under the host's node).
const { createHash } = require('node:crypto');
const api = require(process.argv[2]);

const list = (a) => Array.from(a, (x) => (typeof x === 'bigint' ? x.toString() : x));
const digest = (a) => createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
const out = { arch: process.arch, addon: api.doctor().addon, simd: api.philoxSimd(), philox: [], py: [], numpy: [] };

for (const [seed, offset] of [[11n, 0n], [0n, 0n], [11n, 5n], [2n ** 64n - 1n, 2n ** 32n + 1n], [0x123456789abcdefn, 2n ** 62n]]) {
  const g = () => new api.Philox(seed, offset);
  out.philox.push({
    seed: String(seed),
    uint32: list(g().uint32(37)),
    uniform: list(g().uniform(37)),
    uniformDouble: list(g().uniformDouble(9)),
    normal: list(g().normal(10, 1.5, 2)),
    normalDouble: list(g().normalDouble(10)),
    logNormal: list(g().logNormal(10)),
    // Large enough for the multi-threaded fill.
    bulk: digest(g().uint32(1 << 21)),
  });
}
for (const seed of [11, 0, 2 ** 32 - 1, 2n ** 64n - 1n]) {
  const r = new api.PyRandom(seed);
  const deck = [...Array(10).keys()];
  out.py.push({
    seed: String(seed),
    randint: [r.randint(1, 100), r.randint(1, 100)],
    random: [r.random(), r.random(), r.random()],
    getrandbits: String(r.getrandbits(100)),
    gauss: [r.gauss(0, 1), r.gauss(3, 0.5)],
    uniform: r.uniform(-2, 5),
    deck: (r.shuffle(deck), deck),
  });
}
for (const seed of [0, 42, 2 ** 32 - 1]) {
  const n = new api.NumpyRandomState(seed);
  out.numpy.push({
    seed,
    rand: list(n.rand(5)),
    randint: list(n.randint(0, 1000, 5)),
    randn: list(n.randn(5)),
    normal: list(n.normal(2, 3, 4)),
    uniform: list(n.uniform(-1, 1, 3)),
    permutation: n.permutation(10),
  });
}
console.log(JSON.stringify(out));
