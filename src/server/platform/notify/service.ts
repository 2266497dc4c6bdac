import { sql } from 'kysely';
import {
  messageTypes,
  type DeliveryCounts,
  type DeliveryDetail,
  type DeliveryStatus,
  type DeliveryView,
  type ListDeliveriesQuery,
  type MessageType,
  type MessageTypeSpec,
  type PreviewView,
} from '../../../contracts/notify.js';
import { inTransaction, type Db } from '../../db/database.js';
import { authorize, type Actor } from '../access/policy.js';
import type { RequestContext } from '../audit/audit.js';
import type { Platform } from '../context.js';
import { AppError } from '../errors/errors.js';
import { cursorId, keysetPage } from '../http/paging.js';
import { OUTBOX_CHANNEL } from './outbox.js';
import { authorizeDeliveryManage, authorizeDeliveryRead, outboxScope } from './policy.js';
import { autoVars, render, specOf, type Lang } from './templates.js';

function baseQuery(db: Db) {
  return db
    .selectFrom('notify_delivery as d')
    .innerJoin('notify_message as m', 'm.id', 'd.message_id')
    .leftJoin('app_user as u', 'u.id', 'd.user_id')
    .select([
      'd.id',
      'd.message_id',
      'm.type',
      'd.channel',
      'd.status',
      'd.status_reason',
      'd.address_masked',
      'u.display_name',
      'm.urgent',
      'd.attempts',
      'd.max_attempts',
      'd.next_attempt_at',
      'd.last_error',
      'd.provider',
      'd.sent_at',
      'd.created_at',
      'm.org_path',
      'm.vars',
      'd.lang',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function present(r: Row): DeliveryView {
  const waiting = r.status === 'pending' || r.status === 'retrying';
  return {
    id: r.id,
    messageId: r.message_id,
    type: r.type,
    channel: r.channel as DeliveryView['channel'],
    status: r.status as DeliveryStatus,
    statusReason: r.status_reason,
    recipient: r.display_name ?? r.address_masked ?? '—',
    urgent: r.urgent,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    nextAttemptAt: waiting ? r.next_attempt_at.toISOString() : null,
    lastError: r.last_error,
    provider: r.provider,
    sentAt: r.sent_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

/** Deliveries in the actor's scope, newest first, a keyset page at a time. */
export async function listDeliveries(p: Platform, actor: Actor, q: ListDeliveriesQuery) {
  authorize(actor, 'notify.read');
  let query = baseQuery(p.db).where(outboxScope(actor, 'notify.read', sql.ref('m.org_path')));
  if (q.status) query = query.where('d.status', '=', q.status);
  if (q.channel) query = query.where('d.channel', '=', q.channel);
  if (q.type) query = query.where('m.type', '=', q.type);
  const after = cursorId(q.cursor);
  if (after) query = query.where('d.id', '<', after);
  const page = keysetPage(
    await query
      .orderBy('d.id', 'desc')
      .limit(q.limit + 1)
      .execute(),
    q.limit,
  );
  return { items: page.items.map(present), nextCursor: page.nextCursor };
}

const attention: DeliveryStatus[] = ['pending', 'sending', 'retrying', 'dead'];

/**
 * How many deliveries in scope need attention, by state (the badges of the outbox tabs). The
 * sent, cancelled and suppressed ones are history and grow without end: not counted.
 */
export async function countDeliveries(p: Platform, actor: Actor): Promise<DeliveryCounts> {
  authorize(actor, 'notify.read');
  const rows = await p.db
    .selectFrom('notify_delivery as d')
    .innerJoin('notify_message as m', 'm.id', 'd.message_id')
    .select(['d.status', sql<number>`count(*)::int`.as('n')])
    .where('d.status', 'in', attention)
    .where(outboxScope(actor, 'notify.read', sql.ref('m.org_path')))
    .groupBy('d.status')
    .execute();
  const counts: DeliveryCounts = Object.fromEntries(attention.map((s) => [s, 0]));
  for (const r of rows) counts[r.status as DeliveryStatus] = r.n;
  return counts;
}

async function loadVisible(p: Platform, actor: Actor, id: number): Promise<Row> {
  const row = await baseQuery(p.db).where('d.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorizeDeliveryRead(actor, row.org_path);
  return row;
}

/** The message's variables as the console may show them: secrets masked, the stop link elided. */
function shownVars(type: string, vars: unknown, publicUrl: string): Record<string, string | number> {
  const spec = specOf(type);
  const out = { ...(vars as Record<string, string | number>) };
  for (const name of spec?.secretVars ?? []) out[name] = '******';
  if (spec && autoVars[spec.audience].includes('stopUrl')) out.stopUrl = `${publicUrl}/u/…`;
  return out;
}

/** One delivery with its attempts and the text as it reads (secrets masked). */
export async function getDelivery(p: Platform, actor: Actor, id: number): Promise<DeliveryDetail> {
  const row = await loadVisible(p, actor, id);
  const attempts = await p.db
    .selectFrom('notify_attempt')
    .select(['attempt', 'at', 'ok', 'error'])
    .where('delivery_id', '=', id)
    .orderBy('id')
    .execute();
  const text = specOf(row.type)
    ? render(row.type, row.lang === 'en' ? 'en' : 'zh-CN', shownVars(row.type, row.vars, p.config.publicUrl))
    : null;
  const sign = p.config.notify.sms.signName;
  return {
    ...present(row),
    attemptsLog: attempts.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), ok: a.ok, error: a.error })),
    preview: !text
      ? { title: null, text: '' }
      : row.channel === 'sms'
        ? { title: null, text: sign ? `【${sign}】${text.sms}` : text.sms }
        : { title: text.title, text: text.body },
  };
}

/**
 * Sends a dead, cancelled or waiting delivery again now, with a fresh set of attempts. The
 * dispatcher is woken in the same transaction (NOTIFY at commit).
 */
export async function retryDelivery(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  const row = await loadVisible(p, actor, id);
  authorizeDeliveryManage(actor, row.org_path);
  await inTransaction(p.db, async (trx) => {
    const changed = await trx
      .updateTable('notify_delivery')
      .set({
        status: 'pending',
        status_reason: 'manualRetry',
        next_attempt_at: new Date(),
        queued_until: null,
        max_attempts: sql<number>`least(100, attempts + ${p.config.notify.maxAttempts})`,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('status', 'in', ['dead', 'cancelled', 'retrying'])
      .returning('status')
      .executeTakeFirst();
    if (!changed) throw new AppError('NOTIFY_NOT_RETRYABLE');
    await p.audit.record(trx, ctx, {
      action: 'notify.retry',
      subjectType: 'notifyDelivery',
      subjectId: id,
      summary: { from: row.status, type: row.type, channel: row.channel },
    });
    await sql`SELECT pg_notify(${OUTBOX_CHANNEL}, '')`.execute(trx);
  });
  return getDelivery(p, actor, id);
}

/** Stops a delivery that has not gone out (waiting or dead). */
export async function cancelDelivery(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  const row = await loadVisible(p, actor, id);
  authorizeDeliveryManage(actor, row.org_path);
  await inTransaction(p.db, async (trx) => {
    const changed = await trx
      .updateTable('notify_delivery')
      .set({ status: 'cancelled', status_reason: 'manualCancel', queued_until: null, updated_at: new Date() })
      .where('id', '=', id)
      .where('status', 'in', ['pending', 'retrying', 'dead'])
      .returning('status')
      .executeTakeFirst();
    if (!changed) throw new AppError('NOTIFY_NOT_CANCELLABLE');
    await p.audit.record(trx, ctx, {
      action: 'notify.cancel',
      subjectType: 'notifyDelivery',
      subjectId: id,
      summary: { from: row.status, type: row.type, channel: row.channel },
    });
  });
  return getDelivery(p, actor, id);
}

/** The message types with their variables and provider template ids (for the template screen). */
export function listTemplates(p: Platform, actor: Actor) {
  authorize(actor, 'notify.read');
  const s = p.config.notify;
  return {
    smsProvider: s.sms.provider,
    emailProvider: s.email.provider,
    smsSignName: s.sms.signName ?? null,
    items: (Object.entries(messageTypes) as [MessageType, MessageTypeSpec][]).map(([type, spec]) => ({
      type,
      audience: spec.audience,
      vars: [...spec.vars],
      smsTemplateId: s.sms.templates[type] ?? null,
      label: spec.label,
    })),
  };
}

/** The texts of a type filled with sample values, as each channel would send them. */
export function previewTemplate(
  p: Platform,
  actor: Actor,
  input: { type: MessageType; lang: Lang; vars: Record<string, string> },
): PreviewView {
  authorize(actor, 'notify.read');
  const spec = messageTypes[input.type] as MessageTypeSpec;
  const vars: Record<string, string> = { ...input.vars };
  if (autoVars[spec.audience].includes('stopUrl')) vars.stopUrl ??= `${p.config.publicUrl}/u/1a2b.xxxxxxxxxxxxxxxx`;
  const text = render(input.type, input.lang, vars);
  const sign = p.config.notify.sms.signName;
  const sms = sign ? `【${sign}】${text.sms}` : text.sms;
  return {
    sms,
    smsLength: [...sms].length,
    email: { subject: text.title, text: text.body },
    inApp: { title: text.title, body: text.body },
    missingVars: text.missingVars,
  };
}
