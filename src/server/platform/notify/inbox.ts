import { sql } from 'kysely';
import type { InboxItem } from '../../../contracts/notify.js';
import { inTransaction } from '../../db/database.js';
import type { Actor } from '../access/policy.js';
import type { RequestContext } from '../audit/audit.js';
import type { Platform } from '../context.js';
import { AppError } from '../errors/errors.js';
import { cursorId, keysetPage } from '../http/paging.js';

/** The signed-in user's in-app messages (the bell), newest first. */
export async function listInbox(
  p: Platform,
  actor: Actor,
  q: { limit: number; cursor?: string; unread?: 'true' | 'false' },
) {
  let query = p.db
    .selectFrom('notify_inbox')
    .select(['id', 'type', 'title', 'body', 'urgent', 'created_at', 'read_at', 'link'])
    .where('user_id', '=', actor.userId);
  if (q.unread === 'true') query = query.where('read_at', 'is', null);
  const after = cursorId(q.cursor);
  if (after) query = query.where('id', '<', after);
  const page = keysetPage(
    await query
      .orderBy('id', 'desc')
      .limit(q.limit + 1)
      .execute(),
    q.limit,
  );
  return {
    items: page.items.map((r): InboxItem => ({
      id: r.id,
      type: r.type,
      title: r.title,
      body: r.body,
      urgent: r.urgent,
      createdAt: r.created_at.toISOString(),
      readAt: r.read_at?.toISOString() ?? null,
      link: r.link,
    })),
    nextCursor: page.nextCursor,
  };
}

/** How many in-app messages the user has not read. */
export async function unreadCount(p: Platform, actor: Actor) {
  const row = await p.db
    .selectFrom('notify_inbox')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('user_id', '=', actor.userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { unread: row.n };
}

/** Marks one of the user's messages read (someone else's does not exist). */
export async function markRead(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  await inTransaction(p.db, async (trx) => {
    const row = await trx
      .updateTable('notify_inbox')
      .set({ read_at: sql<Date>`coalesce(read_at, now())` })
      .where('id', '=', id)
      .where('user_id', '=', actor.userId)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    await p.audit.record(trx, ctx, { action: 'notify.inbox.read', subjectType: 'notifyInbox', subjectId: id });
  });
  return unreadCount(p, actor);
}

/** Marks all of the user's messages read. */
export async function markAllRead(p: Platform, ctx: RequestContext, actor: Actor) {
  await inTransaction(p.db, async (trx) => {
    const res = await trx
      .updateTable('notify_inbox')
      .set({ read_at: new Date() })
      .where('user_id', '=', actor.userId)
      .where('read_at', 'is', null)
      .executeTakeFirst();
    await p.audit.record(trx, ctx, {
      action: 'notify.inbox.readAll',
      subjectType: 'user',
      subjectId: actor.userId,
      summary: { count: Number(res.numUpdatedRows) },
    });
  });
  return unreadCount(p, actor);
}
