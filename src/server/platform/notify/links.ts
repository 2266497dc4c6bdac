import crypto from 'node:crypto';
import type { Keys } from '../crypto/keys.js';
import { safeEqual } from '../crypto/keys.js';

const linkKeys = new WeakMap<Buffer, Buffer>();

/** A key of its own for the links in messages, derived from the field key (one secret to keep). */
function linkKey(keys: Pick<Keys, 'fields'>): Buffer {
  let k = linkKeys.get(keys.fields);
  if (!k) {
    k = Buffer.from(crypto.hkdfSync('sha256', keys.fields, Buffer.alloc(0), 'liaison/notify-links', 32));
    linkKeys.set(keys.fields, k);
  }
  return k;
}

function mac(keys: Pick<Keys, 'fields'>, deliveryId: number): string {
  return crypto.createHmac('sha256', linkKey(keys)).update(`stop:${deliveryId}`).digest('base64url').slice(0, 16);
}

/**
 * The token of the "stop these messages" link of one delivery: short enough for an SMS, and
 * unguessable (96 bits of HMAC), so that only the person who got the message can use it.
 */
export function stopToken(keys: Pick<Keys, 'fields'>, deliveryId: number): string {
  return `${deliveryId.toString(36)}.${mac(keys, deliveryId)}`;
}

/** The delivery a stop token was made for, or null when it is not one of ours. */
export function readStopToken(keys: Pick<Keys, 'fields'>, token: string): number | null {
  const m = /^([0-9a-z]{1,11})\.([A-Za-z0-9_-]{16})$/.exec(token);
  if (!m) return null;
  const id = parseInt(m[1]!, 36);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return safeEqual(m[2]!, mac(keys, id)) ? id : null;
}

export function stopUrl(publicUrl: string, keys: Pick<Keys, 'fields'>, deliveryId: number): string {
  return `${publicUrl}/u/${stopToken(keys, deliveryId)}`;
}
