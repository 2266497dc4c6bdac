import { get } from '../../app/api.js';

interface Challenge {
  algorithm: string;
  challenge: string;
  maxnumber?: number;
  salt: string;
  signature: string;
}

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 in plain JS, for pages opened over plain HTTP where crypto.subtle is missing. */
function sha256Hex(text: string): string {
  const k: number[] = [];
  const h: number[] = [];
  for (let n = 2, found = 0; found < 64; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    if (found < 8) h[found] = (Math.pow(n, 1 / 2) * 2 ** 32) | 0;
    k[found++] = (Math.pow(n, 1 / 3) * 2 ** 32) | 0;
  }
  const bytes = Array.from(new TextEncoder().encode(text));
  const bitLen = bytes.length * 8;
  bytes.push(0x80);
  while (bytes.length % 64 !== 56) bytes.push(0);
  for (let i = 7; i >= 0; i--) bytes.push(i >= 4 ? 0 : (bitLen >>> (i * 8)) & 0xff);
  const w = new Array<number>(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let off = 0; off < bytes.length; off += 64) {
    for (let i = 0; i < 16; i++)
      w[i] =
        (bytes[off + i * 4]! << 24) |
        (bytes[off + i * 4 + 1]! << 16) |
        (bytes[off + i * 4 + 2]! << 8) |
        bytes[off + i * 4 + 3]!;
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      const s0 = rotr(a, 7) ^ rotr(a, 18) ^ (a >>> 3);
      const s1 = rotr(b, 17) ^ rotr(b, 19) ^ (b >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + k[i]! + w[i]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, hh].forEach((v, i) => (h[i] = (h[i]! + v) | 0));
  }
  return h.map((v) => (v >>> 0).toString(16).padStart(8, '0')).join('');
}

/**
 * Solves the server's proof-of-work (ALTCHA v1: the n with SHA-256(salt + n) = challenge) and
 * returns the payload the form sends. A few hundred milliseconds on a phone; no widget to load.
 */
export async function solveAltcha(): Promise<string> {
  const ch = await get<Challenge>('/api/public/altcha');
  const max = ch.maxnumber ?? 1_000_000;
  const subtle = globalThis.crypto?.subtle;
  const enc = new TextEncoder();
  const BATCH = 400;
  for (let start = 0; start <= max; start += BATCH) {
    const ns = Array.from({ length: Math.min(BATCH, max - start + 1) }, (_, i) => start + i);
    const hashes = subtle
      ? await Promise.all(ns.map(async (n) => hex(await subtle.digest('SHA-256', enc.encode(ch.salt + n)))))
      : ns.map((n) => sha256Hex(ch.salt + n));
    const i = hashes.indexOf(ch.challenge);
    if (i >= 0) {
      const payload = {
        algorithm: ch.algorithm,
        challenge: ch.challenge,
        number: ns[i]!,
        salt: ch.salt,
        signature: ch.signature,
      };
      return btoa(JSON.stringify(payload));
    }
  }
  throw new Error('proof of work not found');
}
