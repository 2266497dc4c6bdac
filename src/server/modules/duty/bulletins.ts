import { sql } from 'kysely';
import type { z } from 'zod';
import {
  bulletinIssuerLabels,
  type BulletinInput,
  type BulletinQuery,
  type BulletinView,
} from '../../../contracts/duty.js';
import { inTransaction } from '../../db/database.js';
import { authorize, inScope, isWithin, scopesFor, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { searchDocument, searchQuery } from '../../platform/text/segment.js';
import { deputiesTargeted } from '../deputies/duty-source.js';
import { tellDigestMatches } from './digest-match.js';
import { ownDeputyId, deputyNameMap } from './load.js';

/**
 * Pushes a bulletin (知情知政) from the committee to the serving deputies in its subtree that match
 * the target (levels, areas, groups; none given: all). The recipients are fixed when it is pushed,
 * so the read receipts answer "who was told, and who has read it".
 */
export async function pushBulletin(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof BulletinInput>,
) {
  const home = actor.roles.find((g) => scopesFor(actor, 'duty.manage').includes(g.orgPath));
  if (!home) throw new AppError('FORBIDDEN');
  authorize(actor, 'duty.manage', { orgPath: home.orgPath });
  if (input.target.orgIds.length) {
    const orgs = await p.db
      .selectFrom('organization')
      .select(['id', 'path'])
      .where('id', 'in', input.target.orgIds)
      .execute();
    if (orgs.length !== new Set(input.target.orgIds).size || orgs.some((o) => !isWithin(o.path, home.orgPath)))
      throw invalid({
        path: 'body.target.orgIds',
        zh: '只能发送给本辖区内的地区',
        en: 'Areas must lie within your own',
      });
  }
  const recipients = await deputiesTargeted(p.db, home.orgPath, input.target);
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('duty_bulletin')
      .values({
        org_id: home.orgId,
        org_path: home.orgPath,
        issuer: input.issuer,
        title: input.title,
        body: input.body,
        topic: input.topic ?? null,
        target: JSON.stringify(input.target),
        search: sql<string>`to_tsvector('simple', ${searchDocument(`${input.title} ${input.topic ?? ''} ${input.body}`)})`,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (recipients.length)
      await trx
        .insertInto('duty_bulletin_recipient')
        .values(recipients.map((d) => ({ bulletin_id: row.id, deputy_id: d.id })))
        .execute();
    for (const d of recipients)
      if (d.user_id)
        await enqueue(trx, {
          type: 'duty.bulletin',
          to: { userId: d.user_id },
          vars: { issuer: bulletinIssuerLabels[input.issuer].zh, title: input.title.slice(0, 30) },
          dedupeKey: `duty-bulletin:${row.id}:${d.id}`,
          scopeOrgId: home.orgId,
        });
    // A deputy whose open suggestion the document concerns is told so (the way to their digest).
    const digestTold = await tellDigestMatches(
      trx,
      { id: row.id, ...input, topic: input.topic ?? null },
      recipients,
      home.orgId,
    );
    await p.audit.record(trx, ctx, {
      action: 'duty.pushBulletin',
      subjectType: 'dutyBulletin',
      subjectId: row.id,
      summary: {
        after: { title: input.title, issuer: input.issuer, target: input.target, recipients: recipients.length },
        digestTold,
      },
    });
    return { id: row.id, recipients: recipients.length };
  });
}

/**
 * Bulletins: a deputy sees those sent to them (with their own read time); staff with `duty.read`
 * see those pushed in their scope with how many were told and have read. Searched by words.
 */
export async function listBulletins(
  p: Platform,
  actor: Actor,
  q: z.infer<typeof BulletinQuery>,
  /** The digest's: only those sent to the actor as a deputy, published since a time, up to a number. */
  opts: { since?: Date; sentToMe?: boolean; limit?: number } = {},
): Promise<BulletinView[]> {
  const deputyId = await ownDeputyId(p.db, actor);
  const staff = scopesFor(actor, 'duty.read').length > 0;
  if (deputyId === null && !staff) return [];
  let query = p.db
    .selectFrom('duty_bulletin as b')
    .select([
      'b.id',
      'b.issuer',
      'b.title',
      'b.body',
      'b.topic',
      'b.published_at',
      sql<Date | null>`(SELECT r.read_at FROM duty_bulletin_recipient r WHERE r.bulletin_id = b.id AND r.deputy_id = ${deputyId ?? 0})`.as(
        'read_at',
      ),
      sql<boolean>`EXISTS (SELECT 1 FROM duty_bulletin_recipient r WHERE r.bulletin_id = b.id AND r.deputy_id = ${deputyId ?? 0})`.as(
        'mine',
      ),
      sql<number>`(SELECT count(*)::int FROM duty_bulletin_recipient r WHERE r.bulletin_id = b.id)`.as('recipients'),
      sql<number>`(SELECT count(*)::int FROM duty_bulletin_recipient r WHERE r.bulletin_id = b.id AND r.read_at IS NOT NULL)`.as(
        'read',
      ),
      sql<boolean>`${inScope(actor, 'duty.read', sql.ref('b.org_path'))}`.as('in_scope'),
    ])
    .where((eb) =>
      eb.or([
        opts.sentToMe ? sql<boolean>`false` : inScope(actor, 'duty.read', sql.ref('b.org_path')),
        sql<boolean>`EXISTS (SELECT 1 FROM duty_bulletin_recipient r WHERE r.bulletin_id = b.id AND r.deputy_id = ${deputyId ?? 0})`,
      ]),
    )
    .$if(opts.since !== undefined, (qb) => qb.where('b.published_at', '>=', opts.since!));
  if (q.q) {
    const tsq = searchQuery(q.q);
    query = tsq
      ? query.where(sql<boolean>`b.search @@ to_tsquery('simple', ${tsq})`)
      : query.where(sql<boolean>`false`);
  }
  if (q.unread === 'true')
    query = query.where(
      sql<boolean>`EXISTS (SELECT 1 FROM duty_bulletin_recipient r WHERE r.bulletin_id = b.id AND r.deputy_id = ${deputyId ?? 0} AND r.read_at IS NULL)`,
    );
  const rows = await query
    .orderBy('b.published_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(opts.limit ?? 100)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    issuer: r.issuer as BulletinView['issuer'],
    title: r.title,
    body: r.body,
    topic: r.topic,
    publishedAt: r.published_at.toISOString(),
    readAt: r.read_at ? new Date(r.read_at).toISOString() : null,
    recipients: r.in_scope ? r.recipients : null,
    read: r.in_scope ? r.read : null,
  }));
}

/** The deputy opens a bulletin sent to them: the first reading is the receipt. */
export async function readBulletin(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  const deputyId = await ownDeputyId(p.db, actor);
  if (deputyId === null) throw new AppError('DUTY_NOT_A_DEPUTY');
  await inTransaction(p.db, async (trx) => {
    const row = await trx
      .updateTable('duty_bulletin_recipient')
      .set({ read_at: sql<Date>`coalesce(read_at, now())` })
      .where('bulletin_id', '=', id)
      .where('deputy_id', '=', deputyId)
      .returning(sql<boolean>`read_at = now()`.as('first'))
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    if (row.first)
      await p.audit.record(trx, ctx, {
        action: 'duty.readBulletin',
        subjectType: 'dutyBulletin',
        subjectId: id,
        summary: {},
      });
  });
  const [view] = (await listBulletins(p, actor, {})).filter((b) => b.id === id);
  return view!;
}

/** Who was told and who has read a bulletin (staff in its scope). */
export async function bulletinReceipts(p: Platform, actor: Actor, id: number) {
  const b = await p.db.selectFrom('duty_bulletin').select('org_path').where('id', '=', id).executeTakeFirst();
  if (!b) throw new AppError('NOT_FOUND');
  authorize(actor, 'duty.read', { orgPath: b.org_path }, 'duty.read');
  const rows = await p.db
    .selectFrom('duty_bulletin_recipient')
    .select(['deputy_id', 'read_at'])
    .where('bulletin_id', '=', id)
    .execute();
  const names = await deputyNameMap(
    p.db,
    rows.map((r) => r.deputy_id),
  );
  return {
    items: rows
      .map((r) => ({
        deputyId: r.deputy_id,
        deputyName: names.get(r.deputy_id) ?? '',
        readAt: r.read_at?.toISOString() ?? null,
      }))
      .sort((a, b) => a.deputyName.localeCompare(b.deputyName, 'zh-CN')),
  };
}
