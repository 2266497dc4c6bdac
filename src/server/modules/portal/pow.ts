import crypto from 'node:crypto';
import { createChallenge, extractParams, verifySolution } from 'altcha-lib/v1';
import type { Challenge } from 'altcha-lib/v1/types';
import type { Db, Tx } from '../../db/database.js';
import type { Platform } from '../../platform/context.js';
import { invalid } from '../../platform/errors/errors.js';

const VALID_MINUTES = 20;

const keys = new WeakMap<Buffer, string>();
function hmacKey(p: Pick<Platform, 'keys'>): string {
  let k = keys.get(p.keys.fields);
  if (!k) {
    k = Buffer.from(crypto.hkdfSync('sha256', p.keys.fields, Buffer.alloc(0), 'liaison/altcha', 32)).toString('hex');
    keys.set(p.keys.fields, k);
  }
  return k;
}

/**
 * A proof-of-work challenge (ALTCHA v1 protocol: find n with SHA-256(salt + n) = challenge). No
 * image to read, nothing for an elderly person to get wrong (适老化); a script flooding the form
 * pays a second of CPU per submission (LIAISON_POW_MAX_NUMBER sets how much work).
 */
export function newChallenge(p: Pick<Platform, 'keys' | 'config'>): Promise<Challenge> {
  return createChallenge({
    hmacKey: hmacKey(p),
    maxNumber: p.config.portal.powMaxNumber,
    expires: new Date(Date.now() + VALID_MINUTES * 60_000),
  });
}

const refused = () =>
  invalid({
    path: 'body.altcha',
    zh: '人机验证未通过或已过期，请刷新页面后重试',
    en: 'The anti-robot check failed or expired; reload the page and try again',
  });

/** Checks a solved challenge and spends it: the same solution is refused the second time. */
export async function spendSolution(p: Platform, payload: string, db: Db | Tx = p.db): Promise<void> {
  let ok = false;
  let signature = '';
  try {
    ok = await verifySolution(payload, hmacKey(p), true);
    signature = (JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { signature?: string }).signature ?? '';
  } catch {
    ok = false;
  }
  if (!ok || !signature) throw refused();
  const expires = Number(extractParams(payload).expires ?? 0);
  const row = await db
    .insertInto('pow_spent')
    .values({ signature, expires_at: new Date(expires ? expires * 1000 : Date.now() + VALID_MINUTES * 60_000) })
    .onConflict((oc) => oc.column('signature').doNothing())
    .returning('signature')
    .executeTakeFirst();
  if (!row) throw refused();
}

/** Spent solutions past their expiry: a replay is refused by the expiry itself now, so the record goes (hourly job). */
export async function purgeSpent(db: Db) {
  await db.deleteFrom('pow_spent').where('expires_at', '<', new Date()).execute();
}
