import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sm4FieldCrypto } from './field-crypto.js';

describe('field encryption (SM4 + HMAC-SM3)', () => {
  const c = new Sm4FieldCrypto(crypto.randomBytes(32));

  it('round-trips, with a fresh IV each time', () => {
    const a = c.encrypt('13812345678');
    const b = c.encrypt('13812345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('1381234');
    expect(c.decrypt(a)).toBe('13812345678');
    expect(c.decrypt(c.encrypt('浙江省宁波市北仑区新碶街道'))).toBe('浙江省宁波市北仑区新碶街道');
  });

  it('never uses an IV twice, also across the draws of random bytes (1,000 values)', () => {
    const ivs = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const sealed = c.encrypt(`1381234${String(i).padStart(4, '0')}`);
      ivs.add(Buffer.from(sealed.slice(3), 'base64url').subarray(0, 16).toString('hex'));
      expect(c.decrypt(sealed)).toBe(`1381234${String(i).padStart(4, '0')}`);
    }
    expect(ivs.size).toBe(1000);
  });

  it('refuses a tampered value or another key', () => {
    const sealed = c.encrypt('13812345678');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw.writeUInt8(raw.readUInt8(raw.length - 1) ^ 1, raw.length - 1);
    expect(() => c.decrypt(`s1.${raw.toString('base64url')}`)).toThrow(/integrity/);
    expect(() => new Sm4FieldCrypto(crypto.randomBytes(32)).decrypt(sealed)).toThrow();
  });
});
