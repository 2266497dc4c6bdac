import {
  messageTypes,
  type Channel,
  type MessageType,
  type MessageTypeSpec,
  type Preferences,
  type SetContactRequest,
} from '../../../contracts/notify.js';
import { inTransaction } from '../../db/database.js';
import type { Actor } from '../access/policy.js';
import type { RequestContext } from '../audit/audit.js';
import type { Platform } from '../context.js';
import { invalid } from '../errors/errors.js';
import { maskEmail, maskPhone } from '../text/personal-data.js';
import { readStopToken } from './links.js';

const staffTypes = () =>
  (Object.entries(messageTypes) as [MessageType, MessageTypeSpec][]).filter(([, s]) => s.audience === 'staff');

/** The user's channels per staff message type (their choice, or the type's default) and contact. */
export async function getPreferences(p: Platform, actor: Actor): Promise<Preferences> {
  const [prefs, contact] = await Promise.all([
    p.db.selectFrom('notify_preference').select(['type', 'channels']).where('user_id', '=', actor.userId).execute(),
    p.db
      .selectFrom('notify_contact')
      .select(['phone_masked', 'email_masked', 'lang'])
      .where('user_id', '=', actor.userId)
      .executeTakeFirst(),
  ]);
  const chosen = new Map(prefs.map((r) => [r.type, r.channels as Channel[]]));
  return {
    items: staffTypes().map(([type, spec]) => {
      const required = [...(spec.requiredChannels ?? [])];
      const channels = new Set<Channel>([...(chosen.get(type) ?? spec.defaultChannels), ...required]);
      return { type, label: spec.label, channels: [...channels], requiredChannels: required };
    }),
    contact: {
      phone: contact?.phone_masked ?? null,
      email: contact?.email_masked ?? null,
      lang: contact?.lang === 'en' ? 'en' : 'zh-CN',
    },
  };
}

/** Chooses the channels of one staff message type; the required ones (in-app) stay on. */
export async function setPreference(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: { type: MessageType; channels: Channel[] },
) {
  const spec = messageTypes[input.type] as MessageTypeSpec;
  if (spec.audience !== 'staff')
    throw invalid({
      path: 'body.type',
      zh: '此类消息发给群众，不能在此设置',
      en: 'This message type goes to constituents; it has no staff preference',
    });
  const channels = [...new Set([...input.channels, ...(spec.requiredChannels ?? [])])].sort();
  await inTransaction(p.db, async (trx) => {
    await trx
      .insertInto('notify_preference')
      .values({ user_id: actor.userId, type: input.type, channels })
      .onConflict((oc) => oc.columns(['user_id', 'type']).doUpdateSet({ channels }))
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'notify.preference',
      subjectType: 'user',
      subjectId: actor.userId,
      summary: { type: input.type, channels },
    });
  });
  return getPreferences(p, actor);
}

/** Sets where the user gets SMS and e-mail (stored encrypted, shown masked) and in which language. */
export async function setContact(p: Platform, ctx: RequestContext, actor: Actor, input: SetContactRequest) {
  const patch: Record<string, string | null> = {};
  if (input.phone !== undefined) {
    patch.phone_sealed = input.phone ? p.fields.encrypt(input.phone) : null;
    patch.phone_masked = input.phone ? maskPhone(input.phone) : null;
  }
  if (input.email !== undefined) {
    patch.email_sealed = input.email ? p.fields.encrypt(input.email) : null;
    patch.email_masked = input.email ? maskEmail(input.email) : null;
  }
  if (input.lang) patch.lang = input.lang;
  await inTransaction(p.db, async (trx) => {
    await trx
      .insertInto('notify_contact')
      .values({ user_id: actor.userId, ...patch })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...patch, updated_at: new Date() }))
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'notify.contact',
      subjectType: 'user',
      subjectId: actor.userId,
      // Which fields changed, never their values.
      summary: {
        phone: input.phone === undefined ? 'kept' : input.phone ? 'set' : 'removed',
        email: input.email === undefined ? 'kept' : input.email ? 'set' : 'removed',
        lang: input.lang ?? 'kept',
      },
    });
  });
  return getPreferences(p, actor);
}

// ——— constituents: the stop link ———

export interface StopTarget {
  deliveryId: number;
  type: string;
  label: { zh: string; en: string };
  channel: 'sms' | 'email';
  /** Masked phone or e-mail. */
  address: string;
  digest: string;
  stoppedType: boolean;
  stoppedAll: boolean;
}

/** What a stop link would stop, or null when the link is not valid. */
export async function stopTarget(p: Platform, token: string): Promise<StopTarget | null> {
  const id = readStopToken(p.keys, token);
  if (!id) return null;
  const row = await p.db
    .selectFrom('notify_delivery as d')
    .innerJoin('notify_message as m', 'm.id', 'd.message_id')
    .select(['d.id', 'd.channel', 'd.address_masked', 'd.address_digest', 'm.type'])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row?.address_digest || (row.channel !== 'sms' && row.channel !== 'email')) return null;
  const spec = (messageTypes as Record<string, MessageTypeSpec>)[row.type];
  const out = await p.db
    .selectFrom('notify_optout')
    .select('type')
    .where('address_digest', '=', row.address_digest)
    .execute();
  return {
    deliveryId: row.id,
    type: row.type,
    label: spec?.label ?? { zh: row.type, en: row.type },
    channel: row.channel,
    address: row.address_masked ?? '',
    digest: row.address_digest,
    stoppedType: out.some((o) => o.type === row.type),
    stoppedAll: out.some((o) => o.type === '*'),
  };
}

/** Records a constituent's wish to get no more messages of this type (or none at all). */
export async function stopMessages(p: Platform, ctx: RequestContext, target: StopTarget, scope: 'type' | 'all') {
  const type = scope === 'all' ? '*' : target.type;
  await inTransaction(p.db, async (trx) => {
    await trx
      .insertInto('notify_optout')
      .values({ address_digest: target.digest, type })
      .onConflict((oc) => oc.columns(['address_digest', 'type']).doNothing())
      .execute();
    // Anything of that kind still waiting for this address is not sent either.
    let waiting = trx
      .updateTable('notify_delivery')
      .set({ status: 'suppressed', status_reason: 'optedOut', updated_at: new Date() })
      .where('address_digest', '=', target.digest)
      .where('status', 'in', ['pending', 'retrying']);
    if (scope === 'type')
      waiting = waiting.where('message_id', 'in', (eb) =>
        eb.selectFrom('notify_message').select('id').where('type', '=', target.type),
      );
    await waiting.execute();
    await p.audit.record(
      trx,
      { ...ctx, actor: null },
      {
        action: 'notify.optout',
        subjectType: 'notifyDelivery',
        subjectId: target.deliveryId,
        summary: { type, channel: target.channel },
      },
    );
  });
}
