import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Keys derived from the one master secret; each purpose gets its own. */
export interface Keys {
  audit: Buffer;
  totp: Buffer;
  /** Personal data fields (SM4, see field-crypto.ts). */
  fields: Buffer;
}

/**
 * The master secret: LIAISON_SECRET when set (required in production), otherwise a random one
 * kept in the data dir (created on first start, readable by its owner only).
 */
export function loadMasterSecret(secret: string | undefined, dataDir: string): string {
  if (secret) return secret;
  const file = path.join(dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  return fs.readFileSync(file, 'utf8').trim();
}

export function deriveKeys(master: string): Keys {
  const derive = (info: string) =>
    Buffer.from(crypto.hkdfSync('sha256', Buffer.from(master), Buffer.alloc(0), `liaison/${info}`, 32));
  return { audit: derive('audit-chain'), totp: derive('totp-secret'), fields: derive('personal-fields') };
}

/** Authenticated encryption of a small secret value for storage (AES-256-GCM, `v1.` prefix). */
export function seal(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function unseal(key: Buffer, sealed: string): string {
  if (!sealed.startsWith('v1.')) throw new Error('unknown sealed format');
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

export function sha256(text: string) {
  return crypto.createHash('sha256').update(text).digest('hex');
}

export function randomToken(bytes = 32) {
  return crypto.randomBytes(bytes).toString('base64url');
}

/** Compares two strings in constant time. */
export function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

const purposeKeys = new WeakMap<Buffer, Map<string, Buffer>>();

/**
 * A key of its own for one purpose (links in messages, sign-in codes…), derived from the field key
 * (one secret to keep) as `liaison/<purpose>`, and kept once derived.
 */
export function purposeKey(keys: Pick<Keys, 'fields'>, purpose: string): Buffer {
  let byPurpose = purposeKeys.get(keys.fields);
  if (!byPurpose) purposeKeys.set(keys.fields, (byPurpose = new Map()));
  let k = byPurpose.get(purpose);
  if (!k) {
    k = Buffer.from(crypto.hkdfSync('sha256', keys.fields, Buffer.alloc(0), `liaison/${purpose}`, 32));
    byPurpose.set(purpose, k);
  }
  return k;
}

/** The HMAC-SHA256 of `text` under the purpose's key (tokens in links and codes are cut from it). */
export function purposeMac(keys: Pick<Keys, 'fields'>, purpose: string, text: string): Buffer {
  return crypto.createHmac('sha256', purposeKey(keys, purpose)).update(text).digest();
}
