// The link in a constituent's SMS that opens their opinion on the portal: short, signed, expiring.
// Having the SMS is the proof (as the receipt code + phone digits are on the follow page).
import type { Platform } from '../../platform/context.js';
import { purposeMac, safeEqual } from '../../platform/crypto/keys.js';

/** How long a link in an SMS keeps working (the loop's longest time limits, with room to rate). */
export const FOLLOW_LINK_DAYS = 120;
const DAY = 86_400_000;

function mac(p: Pick<Platform, 'keys'>, body: string): string {
  return purposeMac(p.keys, 'follow-links', `follow:${body}`).toString('base64url').slice(0, 16);
}

export function followToken(p: Pick<Platform, 'keys'>, opinionId: number, now = Date.now()): string {
  const body = `${opinionId.toString(36)}.${(Math.floor(now / DAY) + FOLLOW_LINK_DAYS).toString(36)}`;
  return `${body}.${mac(p, body)}`;
}

/** The opinion a follow link was made for, or null when it is not ours or has expired. */
export function readFollowToken(p: Pick<Platform, 'keys'>, token: string, now = Date.now()): number | null {
  const m = /^([0-9a-z]{1,11})\.([0-9a-z]{1,6})\.([A-Za-z0-9_-]{16})$/.exec(token);
  if (!m || !safeEqual(m[3]!, mac(p, `${m[1]}.${m[2]}`))) return null;
  const id = parseInt(m[1]!, 36);
  const until = parseInt(m[2]!, 36);
  return Number.isSafeInteger(id) && id > 0 && until >= Math.floor(now / DAY) ? id : null;
}

export function followUrl(p: Pick<Platform, 'keys' | 'config'>, opinionId: number): string {
  return `${p.config.publicUrl}/f/${followToken(p, opinionId)}`;
}

/** The start of a reply for an SMS: whole when short, else its beginning and an ellipsis (the link has the rest). */
export function smsExcerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** An opinion's title in staff messages: the start of its content, with an ellipsis when cut. */
export const messageTitle = (content: string) => smsExcerpt(content, 20);
