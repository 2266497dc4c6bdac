import type { Keys } from '../crypto/keys.js';
import { purposeMac, safeEqual } from '../crypto/keys.js';

/** The links in messages have a key of their own (derived from the field key). */
function mac(keys: Pick<Keys, 'fields'>, deliveryId: number): string {
  return purposeMac(keys, 'notify-links', `stop:${deliveryId}`).toString('base64url').slice(0, 16);
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
