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

  encrypt(plain: string): string {
    const iv = crypto.randomBytes(16);
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
