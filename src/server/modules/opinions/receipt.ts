import crypto from 'node:crypto';

// No 0/O, 1/I/L: read aloud over the phone and typed by elderly people.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const LENGTH = 10;

/** A fresh receipt code: 10 characters of 31 (≈ 49 bits), unguessable; shown as `ABCDE-FGHJK`. */
export function newReceiptCode(): string {
  let out = '';
  while (out.length < LENGTH) {
    // Rejection sampling keeps every character equally likely.
    const b = crypto.randomBytes(16);
    for (const byte of b) if (byte < 248 && out.length < LENGTH) out += ALPHABET[byte % 31];
  }
  return out;
}

/** The stored form of what a person typed: case, dashes, spaces and look-alikes forgiven. */
export function normaliseReceiptCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  // Look-alikes map onto digits that are not in the alphabet: such a code cannot exist.
  return /^[23456789A-HJKMNP-Z]{10}$/.test(s) ? s : null;
}

/** ABCDEFGHJK → ABCDE-FGHJK */
export function formatReceiptCode(code: string): string {
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}
