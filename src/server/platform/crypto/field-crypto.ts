import crypto from 'node:crypto';

/**
 * Encryption of personal data at rest, field by field (DESIGN: SM4 by default). SM4-CBC with a
 * random IV, authenticated by HMAC-SM3 over version, IV and ciphertext (encrypt-then-MAC). A KMS
 * can replace this provider; the stored form names its version so keys can rotate.
 */
export interface CryptoProvider {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
  /** A keyed digest of the value: equal values match (lookups, change detection) without decrypting. */
  blindIndex(plain: string): string;
}

export class Sm4FieldCrypto implements CryptoProvider {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly indexKey: Buffer;

  constructor(key: Buffer) {
    this.encKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'sm4-enc', 16));
    this.macKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'sm3-mac', 32));
    this.indexKey = Buffer.from(crypto.hkdfSync('sha256', key, Buffer.alloc(0), 'sm3-index', 32));
  }

  /** Random bytes drawn 4 KiB at a time, each IV taken once: one call per 256 values, not per value. */
  private ivs = Buffer.alloc(0);
  private ivAt = 0;

  /**
   * A fresh random IV. `randomBytes(16)` per value cost 2–9 µs (a call into OpenSSL each time),
   * the larger part of sealing a register's 2,000 phones; drawing 4 KiB at once costs the same
   * per call. The bytes are as random, and none is used twice.
   */
  private nextIv(): Buffer {
    if (this.ivAt + 16 > this.ivs.length) {
      this.ivs = crypto.randomBytes(4096);
      this.ivAt = 0;
    }
    return this.ivs.subarray(this.ivAt, (this.ivAt += 16));
  }

  encrypt(plain: string): string {
    const iv = this.nextIv();
    const cipher = crypto.createCipheriv('sm4-cbc', this.encKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const mac = this.mac(iv, body);
    return `s1.${Buffer.concat([iv, mac, body]).toString('base64url')}`;
  }

  decrypt(sealed: string): string {
    if (!sealed.startsWith('s1.')) throw new Error('unknown field encryption format');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    const iv = raw.subarray(0, 16);
    const mac = raw.subarray(16, 48);
    const body = raw.subarray(48);
    if (!crypto.timingSafeEqual(mac, this.mac(iv, body))) throw new Error('field integrity check failed');
    const decipher = crypto.createDecipheriv('sm4-cbc', this.encKey, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  }

  blindIndex(plain: string): string {
    return crypto.createHmac('sm3', this.indexKey).update(plain.normalize('NFKC').trim()).digest('base64url');
  }

  private mac(iv: Buffer, body: Buffer) {
    return crypto.createHmac('sm3', this.macKey).update('s1').update(iv).update(body).digest();
  }
}
