import { sql } from 'kysely';
import type { Role } from '../../../contracts/roles.js';
import type { Db, Tx } from '../../db/database.js';
import type { Actor } from '../access/policy.js';
import { randomToken, sha256 } from '../crypto/keys.js';
import type { SessionCache } from './session-cache.js';

export const SESSION_COOKIE = 'liaison_sid';
/** How often a session's "last seen" is written (and so how long a cached copy may be used). */
const TOUCH_MS = 30_000;
export const CSRF_COOKIE = 'liaison_csrf';

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

export interface LoadedSession {
  actor: Actor;
  csrfToken: string;
  mfaPending: boolean;
  mustChangePassword: boolean;
}

/** Opens a session; the token goes to the cookie, only its hash to the database. */
export async function createSession(
  trx: Tx,
  userId: number,
  settings: SessionSettings,
  meta: { ip: string | null; userAgent: string | null; mfaPending: boolean },
) {
  const token = randomToken();
  const csrfToken = randomToken();
  const id = sha256(token);
  await trx
    .insertInto('user_session')
    .values({
      id,
      user_id: userId,
      csrf_token: csrfToken,
      mfa_pending: meta.mfaPending,
      expires_at: sql<Date>`now() + make_interval(hours => ${settings.absoluteHours})`,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, id, csrfToken };
}

/** A role as the session query returns it (json: ids arrive as numbers). */
interface RoleRow {
  role: string;
  org_id: number;
  path: string;
  kind: string;
}

export type SessionLookup =
  | { status: 'none' }
  | { status: 'expired'; reason: 'idle' | 'absolute' | 'revoked' | 'disabled'; userId: number; sessionId: string }
  | { status: 'ok'; session: LoadedSession };

/** The session behind a cookie token, with the user's roles; idle and absolute limits enforced. */
export async function loadSession(
  db: Db,
  token: string,
  settings: SessionSettings,
  cache?: SessionCache,
): Promise<SessionLookup> {
  const id = sha256(token);
  const now = Date.now();
  const copy = cache?.read(id);
  if (copy) {
    // Good until the next "last seen" mark is due: then the database decides again.
    if (now - copy.lastSeenMs < TOUCH_MS && now < copy.expiresMs) return { status: 'ok', session: copy.session };
    cache!.forget(id);
  }
  const mark = cache?.mark() ?? 0;
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.csrf_token',
      's.mfa_pending',
      's.revoked_at',
      's.expires_at',
      'u.username',
      'u.display_name',
      'u.org_id',
      'u.status',
      'u.must_change_password',
      sql<boolean>`s.last_seen_at < now() - make_interval(mins => ${settings.idleMinutes})`.as('idle'),
      sql<boolean>`s.expires_at <= now()`.as('past_absolute'),
      sql<boolean>`s.last_seen_at < now() - interval '30 seconds'`.as('stale_touch'),
      // Intervals, not instants: a copy in the cache is timed by this process's clock.
      sql<number>`extract(epoch FROM now() - s.last_seen_at)::float8 * 1000`.as('seen_ago_ms'),
      sql<number>`extract(epoch FROM s.expires_at - now())::float8 * 1000`.as('expires_in_ms'),
      // The roles in the same round trip: every request of a signed-in user starts here.
      sql<RoleRow[]>`(SELECT coalesce(json_agg(json_build_object('role', r.role, 'org_id', r.org_id, 'path', o.path,
          'kind', o.kind) ORDER BY r.id), '[]') FROM user_role r JOIN organization o ON o.id = r.org_id
         WHERE r.user_id = u.id)`.as('roles'),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return { status: 'none' };
  const base = { userId: row.user_id, sessionId: row.id };
  if (row.revoked_at) return { status: 'expired', reason: 'revoked', ...base };
  const reason = row.status !== 'active' ? 'disabled' : row.past_absolute ? 'absolute' : row.idle ? 'idle' : null;
  if (reason) {
    await db
      .updateTable('user_session')
      .set({ revoked_at: new Date(), revoked_reason: reason })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
    return { status: 'expired', reason, ...base };
  }
  // Touch at most every 30 s: a busy console must not turn every read into a write.
  if (row.stale_touch) {
    await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('id', '=', id).execute();
  }
  const session: LoadedSession = {
    actor: {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      orgId: row.org_id,
      sessionId: row.id,
      roles: row.roles.map((r) => ({ role: r.role as Role, orgId: r.org_id, orgPath: r.path, orgKind: r.kind })),
    },
    csrfToken: row.csrf_token,
    mfaPending: row.mfa_pending,
    mustChangePassword: row.must_change_password,
  };
  cache?.store(
    id,
    {
      session,
      userId: row.user_id,
      lastSeenMs: row.stale_touch ? now : now - row.seen_ago_ms,
      expiresMs: now + row.expires_in_ms,
    },
    mark,
  );
  return { status: 'ok', session };
}

/** Ends sessions of a user (all, or all but one); returns how many. */
export async function revokeSessions(trx: Tx, userId: number, reason: string, exceptId?: string) {
  let q = trx
    .updateTable('user_session')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}
