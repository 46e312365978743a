// Correctly rounded log, sin and cos for doubles. CPython's gauss and numpy's legacy gauss call
// the C library's log/sin/cos. V8's Math.log/sin/cos (fdlibm) differ from glibc's in the last
// bit for 3-7% of inputs; these evaluate in double-double (about 100 bits) and round once,
// which agrees with glibc for all but about 0.1% of inputs (glibc itself is not correctly
// rounded: it errs by up to about 0.55 ulp). Exact agreement would need glibc's own tables.

// π/2 split into 33 + 33 + 53 bits, so k·P1 and k·P2 are exact for k < 2^20; ln 2 as hi + lo.
// Derived from exact integer arithmetic (Machin's formula, atanh series) with Python fractions.
const P1 = 1.5707963267341256;
const P2 = 6.077100506303966e-11;
const P3 = 2.0222662487959506e-21;
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
const SPLIT = 134217729; // 2^27 + 1, Dekker's splitter

// Scratch registers for double-double results (avoids allocating a pair per operation).
let rh = 0;
let rl = 0;

function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  rh = p;
  rl = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
}

function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  const s = ah + bh;
  const bb = s - ah;
  const e = (ah - (s - bb)) + (bh - bb) + al + bl;
  rh = s + e;
  rl = e - (rh - s);
}

function ddMul(ah: number, al: number, bh: number, bl: number): void {
  twoProd(ah, bh);
  const e = rl + (ah * bl + al * bh);
  const h = rh + e;
  rl = e - (h - rh);
  rh = h;
}

/** 1/n as double-double, for exact integer n. */
function recip(n: number): [number, number] {
  const hi = 1 / n;
  twoProd(hi, n);
  return [hi, ((1 - rh) - rl) / n];
}

// atanh series coefficients 1/(2k+1): double-double for the leading terms, double after.
const LOG_DD = Array.from({ length: 6 }, (_, k) => recip(2 * k + 1));
const LOG_D = Array.from({ length: 18 }, (_, k) => 1 / (2 * (k + 6) + 1));
// Taylor coefficients ±1/n! (exact n! up to 18!).
const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
const SIN_DD = Array.from({ length: 5 }, (_, k) => signed(recip(fact(2 * k + 1)), k));
const SIN_D = Array.from({ length: 10 }, (_, k) => ((k + 5) % 2 ? -1 : 1) / fact(2 * (k + 5) + 1));
const COS_DD = Array.from({ length: 6 }, (_, k) => signed(recip(fact(2 * k)), k));
const COS_D = Array.from({ length: 9 }, (_, k) => ((k + 6) % 2 ? -1 : 1) / fact(2 * (k + 6)));

function signed(pair: [number, number], k: number): [number, number] {
  return k % 2 ? [-pair[0], -pair[1]] : pair;
}

/** Horner in z (double-double): double tail first, then the double-double coefficients. */
function series(zh: number, zl: number, dd: [number, number][], tail: number[]): void {
  let q = 0;
  for (let k = tail.length - 1; k >= 0; k--) q = q * zh + tail[k];
  let ph = q;
  let pl = 0;
  for (let k = dd.length - 1; k >= 0; k--) {
    ddMul(ph, pl, zh, zl);
    ddAdd(rh, rl, dd[k][0], dd[k][1]);
    ph = rh;
    pl = rl;
  }
  rh = ph;
  rl = pl;
}

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** Natural log, correctly rounded for positive normal doubles; other inputs go to Math.log. */
export function log(x: number): number {
  if (!(x >= 2.2250738585072014e-308) || x === Infinity) return Math.log(x);
  f64[0] = x;
  let e = ((u32[HI] >>> 20) & 0x7ff) - 1023;
  u32[HI] = (u32[HI] & 0x800fffff) | 0x3ff00000;
  let m = f64[0];
  if (m > Math.SQRT2) {
    m *= 0.5;
    e += 1;
  }
  if (e === 0 && m === 1) return 0;
  // log m = 2 atanh(s), s = (m − 1)/(m + 1); m − 1 is exact since m is within a factor 2 of 1.
  const f = m - 1;
  const dh = m + 1;
  const bb = dh - m;
  const dl = (m - (dh - bb)) + (1 - bb);
  const sh = f / dh;
  twoProd(sh, dh);
  const sl = (f - rh - rl - sh * dl) / dh;
  ddMul(sh, sl, sh, sl);
  series(rh, rl, LOG_DD, LOG_D);
  ddMul(rh, rl, 2 * sh, 2 * sl);
  const lh = rh;
  const ll = rl;
  twoProd(e, LN2_HI);
  ddAdd(rh, rl + e * LN2_LO, lh, ll);
  return rh + rl;
}

/** sin and cos share the reduction x = k·π/2 + r, |r| <= π/4. */
function reduce(x: number): number {
  const k = Math.round(x / P1);
  const t = x - k * P1;
  twoProd(k, P3);
  const p3h = rh;
  const p3l = rl;
  ddAdd(t, 0, -k * P2, 0);
  ddAdd(rh, rl, -p3h, -p3l);
  return k;
}

function sinR(h: number, l: number): number {
  ddMul(h, l, h, l);
  series(rh, rl, SIN_DD, SIN_D);
  ddMul(rh, rl, h, l);
  return rh + rl;
}

function cosR(h: number, l: number): number {
  ddMul(h, l, h, l);
  series(rh, rl, COS_DD, COS_D);
  return rh + rl;
}

const LIMIT = 1e6;

/** Sine, correctly rounded (in practice) for |x| < 1e6; larger or non-finite x go to Math.sin. */
export function sin(x: number): number {
  if (!(Math.abs(x) < LIMIT)) return Math.sin(x);
  if (Math.abs(x) < 1e-8) return Math.sin(x);
  const k = reduce(x) & 3;
  const h = rh;
  const l = rl;
  return k === 0 ? sinR(h, l) : k === 1 ? cosR(h, l) : k === 2 ? -sinR(h, l) : -cosR(h, l);
}

/** Cosine, correctly rounded (in practice) for |x| < 1e6; larger or non-finite x go to Math.cos. */
export function cos(x: number): number {
  if (!(Math.abs(x) < LIMIT)) return Math.cos(x);
  const k = reduce(x) & 3;
  const h = rh;
  const l = rl;
  return k === 0 ? cosR(h, l) : k === 1 ? -sinR(h, l) : k === 2 ? -cosR(h, l) : sinR(h, l);
}
