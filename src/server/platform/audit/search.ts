import type { z } from 'zod';
import type { AuditQuery, AuditRow } from '../../../contracts/audit.js';
import { type SqlBool, sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { cursorId, keysetPage } from '../http/paging.js';
import { nameSubjects } from './subjects.js';

/**
 * One page of the trail, newest first by time (rows of one transaction share it: then by id),
 * filtered as the auditor asks (`action` ending in `.`: a prefix). Each filter has an index that
 * gives its rows in this order (actor, action, time; migration 20261207T1800): ordered by id, a
 * page of a quiet account's rows or of last May's was found by walking the whole trail back from
 * its newest row (seconds at tens of millions of rows; `npm run bench:audit`). Actions compare
 * in the "C" collation, byte by byte, so that a prefix is a range of that index whatever the
 * database's own collation. The cursor stays the last row's id; its time is looked up.
 */
export async function searchAudit(db: Db, q: z.infer<typeof AuditQuery>) {
  let query = db.selectFrom('audit_log').selectAll();
  if (q.actor) query = query.where('actor_name', '=', q.actor.toLowerCase());
  if (q.action) {
    const action = sql.ref('action');
    query = q.action.endsWith('.')
      ? query
          .where(sql<SqlBool>`${action} COLLATE "C" >= ${q.action}`)
          .where(sql<SqlBool>`${action} COLLATE "C" < ${prefixEnd(q.action)}`)
      : query.where(sql<SqlBool>`${action} COLLATE "C" = ${q.action}`);
  }
  if (q.subjectType) query = query.where('subject_type', '=', q.subjectType);
  if (q.subjectId) query = query.where('subject_id', '=', q.subjectId);
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.to) query = query.where('at', '<', new Date(q.to));
  const before = cursorId(q.cursor);
  if (before) query = query.where(sql<SqlBool>`(at, id) < (SELECT c.at, c.id FROM audit_log c WHERE c.id = ${before})`);
  const page = keysetPage(
    await query
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute(),
    q.limit,
  );
  const names = await nameSubjects(
    db,
    page.items.map((r) => ({ subjectType: r.subject_type, subjectId: r.subject_id })),
  );
  return {
    items: page.items.map((r): z.infer<typeof AuditRow> => ({
      id: r.id,
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      subjectName: names.get(`${r.subject_type}:${r.subject_id}`) ?? null,
      summary: r.summary as z.infer<typeof AuditRow>['summary'],
      ip: r.ip,
      userAgent: r.user_agent,
      requestId: r.request_id,
    })),
    nextCursor: page.nextCursor,
  };
}

/** The first string after every string that starts with `prefix`, in byte order. */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** Audit rows about one subject, newest first, with the actor's account id (for a change history). */
export async function subjectHistory(db: Db, subjectType: string, subjectId: string, limit: number, before?: number) {
  let query = db
    .selectFrom('audit_log')
    .select(['id', 'at', 'actor_id', 'actor_name', 'action', 'summary'])
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId);
  if (before) query = query.where('id', '<', before);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** The addresses a username failed to sign in from since `since` (from the trail). */
export async function loginFailureAddresses(db: Db, username: string, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('ip')
    .distinct()
    .where('action', '=', 'auth.login.failed')
    .where('at', '>=', since)
    .where(sql<boolean>`summary->>'username' = ${username}`)
    .where('ip', 'is not', null)
    .execute();
  return rows.map((r) => r.ip!);
}

/** The roles ever granted to an account according to the trail (held now or in the past). */
export async function rolesEverGranted(db: Db | Tx, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(sql<string>`summary->>'role'`.as('role'))
    .where('action', '=', 'role.grant')
    .where('subject_type', '=', 'user')
    .where('subject_id', '=', String(userId))
    .execute();
  return rows.map((r) => r.role);
}
