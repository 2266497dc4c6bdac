import os from 'node:os';
import { sql } from 'kysely';
import { channels as allChannels, type Channel } from '../../../contracts/notify.js';
import type { NotifySettings } from '../../config.js';
import { inTransaction, type Tx } from '../../db/database.js';
import { chinaMinutes } from '../calendar/dates.js';
import type { Platform } from '../context.js';
import { maskEmail, maskPhone } from '../text/personal-data.js';
import type { Channels } from './channels/index.js';
import { ChannelError, type SendResult } from './channels/types.js';
import { stopUrl } from './links.js';
import { OTP_TYPE } from './otp.js';
import { autoVars, render, specOf, type Lang } from './templates.js';

/** How long one send may take before it counts as failed. */
const SEND_TIMEOUT_MS = 15_000;
/** A delivery left "sending" longer than this was interrupted (the process died mid-send). */
const LEASE_MINUTES = 5;
/** One-time codes are useless after their validity: fewer tries, and their text is wiped soon. */
const OTP_MAX_ATTEMPTS = 3;
const WIPED = '[wiped]';

/** When `at` lies in the quiet hours, the moment they end; otherwise null. */
export function quietUntil(at: Date, quiet: NotifySettings['quietHours']): Date | null {
  if (!quiet) return null;
  const m = chinaMinutes(at);
  const inside = quiet.start < quiet.end ? m >= quiet.start && m < quiet.end : m >= quiet.start || m < quiet.end;
  if (!inside) return null;
  const wait = (quiet.end - m + 1440) % 1440;
  const end = new Date(at.getTime() + wait * 60_000);
  end.setUTCSeconds(0, 0);
  return end;
}

/** Exponential back-off from the base delay (30 s, 1 min, 2 min … at most an hour), ±10 % jitter. */
export function backoff(attempts: number, baseSeconds: number, random = Math.random): number {
  const seconds = Math.min(3600, baseSeconds * 2 ** Math.max(0, attempts - 1));
  return Math.round(seconds * 1000 * (0.9 + 0.2 * random()));
}

type Vars = Record<string, string | number>;

// ——— expansion: outbox message → deliveries ———

interface StaffRecipient {
  id: number;
  phone_sealed: string | null;
  phone_masked: string | null;
  email_sealed: string | null;
  email_masked: string | null;
  lang: string | null;
  channels: string[] | null;
}

/**
 * Turns pending outbox messages into deliveries, one per recipient and channel (by preferences;
 * a constituent who asked for no more messages gets a "suppressed" one, for the record). The
 * in-app copy is delivered right here, in the same transaction: exactly once. Each message is
 * its own transaction, so that one that cannot be expanded (it is cancelled and reported) does
 * not hold up the others. Returns how many messages were handled.
 */
export async function expandPending(
  p: Platform,
  limit = 100,
  onError: (messageId: number, err: unknown) => void = () => undefined,
): Promise<number> {
  const pending = await p.db
    .selectFrom('notify_message')
    .select('id')
    .where('state', '=', 'pending')
    .orderBy('id')
    .limit(limit)
    .execute();
  let handled = 0;
  for (const { id } of pending) {
    try {
      const done = await inTransaction(p.db, async (trx) => {
        const m = await trx
          .selectFrom('notify_message')
          .selectAll()
          .where('id', '=', id)
          .where('state', '=', 'pending')
          .forUpdate()
          .skipLocked()
          .executeTakeFirst();
        if (m) await expandOne(p, trx, m);
        return Boolean(m);
      });
      if (done) handled++;
    } catch (err) {
      await p.db
        .updateTable('notify_message')
        .set({ state: 'cancelled', expanded_at: new Date() })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .execute();
      handled++;
      onError(id, err);
    }
  }
  return handled;
}

interface MessageRow {
  id: number;
  type: string;
  to_user_id: number | null;
  to_org_id: number | null;
  to_phone_sealed: string | null;
  to_email: string | null;
  vars: unknown;
  urgent: boolean;
  link: string | null;
}

async function expandOne(p: Platform, trx: Tx, m: MessageRow) {
  const spec = specOf(m.type);
  const maxAttempts =
    m.type === OTP_TYPE ? Math.min(OTP_MAX_ATTEMPTS, p.config.notify.maxAttempts) : p.config.notify.maxAttempts;
  const rows: {
    channel: Channel;
    recipient_key: string;
    user_id: number | null;
    address_sealed: string | null;
    address_masked: string | null;
    address_digest: string | null;
    lang: Lang;
    status?: 'suppressed';
    status_reason?: string;
  }[] = [];
  const inApp: { userId: number; lang: Lang }[] = [];

  if (spec && (m.to_user_id !== null || m.to_org_id !== null)) {
    const users = (await trx
      .selectFrom('app_user as u')
      .leftJoin('notify_contact as c', 'c.user_id', 'u.id')
      .leftJoin('notify_preference as pr', (j) => j.onRef('pr.user_id', '=', 'u.id').on('pr.type', '=', m.type))
      .select(['u.id', 'c.phone_sealed', 'c.phone_masked', 'c.email_sealed', 'c.email_masked', 'c.lang', 'pr.channels'])
      .where('u.status', '=', 'active')
      .where((eb) =>
        eb.or([
          ...(m.to_user_id !== null ? [eb('u.id', '=', m.to_user_id)] : []),
          ...(m.to_org_id !== null
            ? [eb('u.id', 'in', eb.selectFrom('user_role').select('user_id').where('org_id', '=', m.to_org_id))]
            : []),
        ]),
      )
      .execute()) as StaffRecipient[];
    for (const u of users) {
      const lang: Lang = u.lang === 'en' ? 'en' : 'zh-CN';
      const chosen = new Set<Channel>([
        ...((u.channels as Channel[] | null) ?? spec.defaultChannels),
        ...(spec.requiredChannels ?? []),
      ]);
      for (const channel of allChannels.filter((c) => chosen.has(c))) {
        const base = { channel, recipient_key: `user:${u.id}`, user_id: u.id, address_digest: null, lang };
        if (channel === 'inApp') {
          rows.push({ ...base, address_sealed: null, address_masked: null });
          inApp.push({ userId: u.id, lang });
        } else if (channel === 'sms' && u.phone_sealed) {
          rows.push({ ...base, address_sealed: u.phone_sealed, address_masked: u.phone_masked });
        } else if (channel === 'email' && u.email_sealed) {
          rows.push({ ...base, address_sealed: u.email_sealed, address_masked: u.email_masked });
        }
        // A channel without an address (no phone on file) is skipped: the in-app copy still goes.
      }
    }
  }

  if (m.to_phone_sealed) {
    let phone: string | null = null;
    try {
      phone = p.fields.decrypt(m.to_phone_sealed);
    } catch {
      phone = null;
    }
    const digest = phone ? p.fields.blindIndex(phone) : null;
    rows.push({
      channel: 'sms',
      recipient_key: `phone:${digest ?? m.id}`,
      user_id: null,
      address_sealed: m.to_phone_sealed,
      address_masked: phone ? maskPhone(phone) : null,
      address_digest: digest,
      lang: 'zh-CN',
      ...(phone ? {} : { status: 'suppressed' as const, status_reason: 'undecryptable' }),
    });
  }
  if (m.to_email) {
    const email = m.to_email.trim();
    const digest = p.fields.blindIndex(email.toLowerCase());
    rows.push({
      channel: 'email',
      recipient_key: `email:${digest}`,
      user_id: null,
      address_sealed: p.fields.encrypt(email),
      address_masked: maskEmail(email),
      address_digest: digest,
      lang: 'zh-CN',
    });
  }

  // A constituent who followed a stop link gets no more messages of that type (or none at all).
  const digests = rows.map((r) => r.address_digest).filter((d): d is string => !!d);
  if (digests.length) {
    const out = await trx
      .selectFrom('notify_optout')
      .select('address_digest')
      .where('address_digest', 'in', digests)
      .where('type', 'in', [m.type, '*'])
      .execute();
    const stopped = new Set(out.map((o) => o.address_digest));
    for (const r of rows)
      if (r.address_digest && stopped.has(r.address_digest))
        Object.assign(r, { status: 'suppressed', status_reason: 'optedOut' });
  }

  if (!spec) rows.splice(0, rows.length); // unknown type (written around enqueue's checks): nothing to send

  for (const r of rows) {
    const isInApp = r.channel === 'inApp';
    const inserted = await trx
      .insertInto('notify_delivery')
      .values({
        message_id: m.id,
        channel: r.channel,
        recipient_key: r.recipient_key,
        user_id: r.user_id,
        address_sealed: r.address_sealed,
        address_masked: r.address_masked,
        address_digest: r.address_digest,
        lang: r.lang,
        status: isInApp ? 'sent' : (r.status ?? 'pending'),
        status_reason: r.status_reason ?? null,
        attempts: isInApp ? 1 : 0,
        max_attempts: maxAttempts,
        sent_at: isInApp ? new Date() : null,
        provider: isInApp ? 'inApp' : null,
      })
      .onConflict((oc) => oc.columns(['message_id', 'channel', 'recipient_key']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted && isInApp) {
      const text = render(m.type, r.lang, m.vars as Vars);
      await trx
        .insertInto('notify_inbox')
        .values({
          user_id: r.user_id!,
          delivery_id: inserted.id,
          type: m.type,
          title: text.title,
          body: text.body,
          urgent: m.urgent,
          link: m.link,
        })
        .execute();
    }
  }
  await trx
    .updateTable('notify_message')
    .set({ state: spec ? 'expanded' : 'cancelled', expanded_at: new Date(), to_email: null })
    .where('id', '=', m.id)
    .execute();
}

// ——— queueing ———

/**
 * Deliveries due now (or within the minute) that no job carries yet, marked as carried for ten
 * minutes past their time: the caller queues a job for each. A job lost with its process is
 * re-queued once the mark expires.
 */
export async function claimDue(p: Platform, limit = 500): Promise<{ id: number; at: Date }[]> {
  const { rows } = await sql<{ id: number; next_attempt_at: Date }>`
    UPDATE notify_delivery d SET queued_until = greatest(now(), d.next_attempt_at) + interval '10 minutes'
     WHERE d.id IN (
       SELECT id FROM notify_delivery
        WHERE status IN ('pending','retrying') AND next_attempt_at <= now() + interval '1 minute'
          AND (queued_until IS NULL OR queued_until < now())
        ORDER BY next_attempt_at LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING d.id, d.next_attempt_at`.execute(p.db);
  return rows.map((r) => ({ id: r.id, at: r.next_attempt_at }));
}

/** Marks a delivery as carried by a job that starts at `at`. */
export async function markQueued(p: Platform, id: number, at: Date) {
  await p.db
    .updateTable('notify_delivery')
    .set({ queued_until: new Date(Math.max(at.getTime(), Date.now()) + 10 * 60_000) })
    .where('id', '=', id)
    .execute();
}

/** Deliveries left "sending" by a process that died count as a failed attempt and go round again. */
export async function recoverInterrupted(p: Platform): Promise<number> {
  const res = await sql`
    UPDATE notify_delivery SET
      status = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'retrying' END,
      last_error = 'interrupted while sending (the process stopped); the message may have gone out',
      next_attempt_at = now(), queued_until = NULL, locked_until = NULL, updated_at = now()
    WHERE status = 'sending' AND locked_until < now()`.execute(p.db);
  return Number(res.numAffectedRows ?? 0);
}

/**
 * Secret variables (one-time codes) are wiped from the outbox once nothing will send them any
 * more, and in any case after 15 minutes: only an HMAC of a code is kept for good. The type and
 * the wiped mark are literals, not parameters: they are the predicate of the partial index
 * `notify_message_secret` (migration 20261207T0900), which keeps the sweep to the few codes not
 * yet wiped instead of a scan of every message.
 */
export async function wipeSecrets(p: Platform, messageId?: number): Promise<void> {
  await wipeStatement(messageId).execute(p.db);
}

/** The statement of `wipeSecrets` (its plan is tested: the partial index, not a scan of the outbox). */
export function wipeStatement(messageId?: number) {
  return sql`
    UPDATE notify_message m SET vars = jsonb_set(m.vars, '{code}', to_jsonb(${sql.lit(WIPED)}::text))
     WHERE m.type = ${sql.lit(OTP_TYPE)} AND m.vars->>'code' <> ${sql.lit(WIPED)}
       AND (${messageId ?? null}::bigint IS NULL OR m.id = ${messageId ?? null})
       AND (m.created_at < now() - interval '15 minutes'
            OR (m.state <> 'pending' AND NOT EXISTS (
                  SELECT 1 FROM notify_delivery d
                   WHERE d.message_id = m.id AND d.status IN ('pending','sending','retrying'))))`;
}

// ——— one attempt ———

export type Outcome =
  | { status: 'sent' }
  | { status: 'retrying'; nextAt: Date }
  | { status: 'dead'; error: string }
  | { status: 'deferred'; nextAt: Date }
  | { status: 'skipped' };

interface Loaded {
  id: number;
  message_id: number;
  channel: string;
  status: string;
  lang: string;
  address_sealed: string | null;
  next_attempt_at: Date;
  type: string;
  vars: unknown;
  urgent: boolean;
}

/** The vars of a message ready to fill its texts: secrets opened, the stop link added. */
function varsFor(p: Platform, d: Loaded): Vars {
  const spec = specOf(d.type);
  const vars = { ...(d.vars as Vars) };
  for (const name of spec?.secretVars ?? []) {
    const sealed = String(vars[name] ?? '');
    if (sealed === WIPED) throw new ChannelError(`${name} was wiped (expired)`, false, 'EXPIRED');
    try {
      vars[name] = p.fields.decrypt(sealed);
    } catch {
      throw new ChannelError(`cannot open ${name}`, false, 'UNDECRYPTABLE');
    }
  }
  if (spec && autoVars[spec.audience].includes('stopUrl')) vars.stopUrl = stopUrl(p.config.publicUrl, p.keys, d.id);
  return vars;
}

async function sendOne(p: Platform, channels: Channels, d: Loaded): Promise<SendResult & { provider: string }> {
  const spec = specOf(d.type);
  if (!spec) throw new ChannelError(`unknown message type ${d.type}`, false, 'CONFIG');
  if (!d.address_sealed) throw new ChannelError('no address', false, 'NO_ADDRESS');
  let address: string;
  try {
    address = p.fields.decrypt(d.address_sealed);
  } catch {
    throw new ChannelError('cannot open the address', false, 'UNDECRYPTABLE');
  }
  const vars = varsFor(p, d);
  const lang: Lang = d.lang === 'en' ? 'en' : 'zh-CN';
  const text = render(d.type, lang, vars);
  if (text.missingVars.length)
    throw new ChannelError(`missing variables ${text.missingVars.join(', ')}`, false, 'TEMPLATE');
  const signal = AbortSignal.timeout(SEND_TIMEOUT_MS);
  const s = p.config.notify.sms;
  if (d.channel === 'sms') {
    const sign = s.signName;
    const result = await channels.sms.send(
      {
        phone: address,
        text: sign ? `【${sign}】${text.sms}` : text.sms,
        signName: sign,
        templateId: s.templates[d.type],
        params: text.smsParams,
        outId: `liaison-${d.id}`,
      },
      signal,
    );
    return { ...result, provider: channels.sms.provider };
  }
  const result = await channels.email.send(
    {
      to: address,
      subject: text.title,
      text: spec.audience === 'staff' ? `${text.body}\n\n${p.config.publicUrl}/console/` : text.body,
      messageId: `<notify-${d.id}@${os.hostname()}>`,
      unsubscribeUrl: typeof vars.stopUrl === 'string' ? vars.stopUrl : undefined,
    },
    signal,
  );
  return { ...result, provider: channels.email.provider };
}

/**
 * One attempt at one delivery. The delivery is claimed first (pending/retrying → sending, one
 * winner), so that two workers never send the same message; a failure schedules the next try
 * with back-off, or ends in the dead letters after the last one (or at once when trying again
 * cannot help). Non-urgent SMS wait out the quiet hours without using up an attempt.
 */
export async function attemptDelivery(p: Platform, channels: Channels, id: number, now = new Date()): Promise<Outcome> {
  const d = (await p.db
    .selectFrom('notify_delivery as d')
    .innerJoin('notify_message as m', 'm.id', 'd.message_id')
    .select([
      'd.id',
      'd.message_id',
      'd.channel',
      'd.status',
      'd.lang',
      'd.address_sealed',
      'd.next_attempt_at',
      'm.type',
      'm.vars',
      'm.urgent',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst()) as Loaded | undefined;
  if (!d || (d.status !== 'pending' && d.status !== 'retrying')) return { status: 'skipped' };
  if (d.next_attempt_at.getTime() > now.getTime() + 1000) return { status: 'skipped' };

  if (d.channel === 'sms' && !d.urgent) {
    const until = quietUntil(now, p.config.notify.quietHours);
    if (until) {
      await p.db
        .updateTable('notify_delivery')
        .set({ next_attempt_at: until, queued_until: null, status_reason: 'quietHours', updated_at: now })
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'retrying'])
        .execute();
      return { status: 'deferred', nextAt: until };
    }
  }

  const claimed = await p.db
    .updateTable('notify_delivery')
    .set({
      status: 'sending',
      attempts: sql<number>`attempts + 1`,
      locked_until: new Date(now.getTime() + LEASE_MINUTES * 60_000),
      status_reason: null,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', 'in', ['pending', 'retrying'])
    .returning(['attempts', 'max_attempts'])
    .executeTakeFirst();
  if (!claimed) return { status: 'skipped' };

  let outcome: Outcome;
  try {
    const result = await sendOne(p, channels, d);
    // Marked sent and the attempt written in one statement (atomic without a transaction's round trips).
    const at = new Date();
    await p.db
      .with('sent', (db) =>
        db
          .updateTable('notify_delivery')
          .set({
            status: 'sent',
            sent_at: at,
            provider: result.provider,
            provider_ref: result.providerRef?.slice(0, 200) ?? null,
            last_error: null,
            locked_until: null,
            updated_at: at,
          })
          .where('id', '=', id)
          .returning('id'),
      )
      .insertInto('notify_attempt')
      .columns(['delivery_id', 'attempt', 'ok'])
      .expression((eb) =>
        eb.selectFrom('sent').select(['sent.id', sql.lit(claimed.attempts).as('attempt'), sql.lit(true).as('ok')]),
      )
      .execute();
    outcome = { status: 'sent' };
  } catch (err) {
    const e =
      err instanceof ChannelError ? err : new ChannelError(`internal: ${(err as Error).message}`.slice(0, 300), true);
    const dead = !e.retryable || claimed.attempts >= claimed.max_attempts;
    const nextAt = new Date(Date.now() + backoff(claimed.attempts, p.config.notify.retrySeconds));
    const provider = d.channel === 'sms' ? channels.sms.provider : channels.email.provider;
    await inTransaction(p.db, async (trx) => {
      await trx
        .updateTable('notify_delivery')
        .set({
          status: dead ? 'dead' : 'retrying',
          status_reason: dead ? (e.retryable ? 'exhausted' : 'permanent') : null,
          last_error: e.message,
          provider,
          next_attempt_at: dead ? sql<Date>`next_attempt_at` : nextAt,
          queued_until: null,
          locked_until: null,
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('notify_attempt')
        .values({ delivery_id: id, attempt: claimed.attempts, ok: false, error: e.message.slice(0, 500) })
        .execute();
    });
    outcome = dead ? { status: 'dead', error: e.message } : { status: 'retrying', nextAt };
  }
  // Only a one-time code has a secret to wipe (the query would find nothing for any other message).
  if ((outcome.status === 'sent' || outcome.status === 'dead') && d.type === OTP_TYPE)
    await wipeSecrets(p, d.message_id);
  return outcome;
}
