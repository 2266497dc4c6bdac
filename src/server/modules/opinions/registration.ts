// Registration: an opinion from any channel, with its first event, receipt message and audit row.
import { deputyNames } from '../deputies/names.js';
import { isReceptionOf } from '../receptions/receptions.js';
import { isActiveInformantOf } from '../stations/informants.js';
import { sql, type QueryCreator } from 'kysely';
import type { OpinionState, RegisterOpinion } from '../../../contracts/opinions.js';
import { inTransaction, type Tx } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { AuditReservation, RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { outboxInsert } from '../../platform/notify/outbox.js';
import { maskName, maskPhone, normalizePhone } from '../../platform/text/personal-data.js';
import { searchDocument } from '../../platform/text/segment.js';
import { formatReceiptCode, newReceiptCode } from './receipt.js';
import { followUrl } from './follow-link.js';

const COMMITTEES = ['streetWorkingCommittee', 'townshipPresidium'];

/** What an idempotency key's look-up finds: the opinion registered with it. */
export type KeyedOpinion = { id: number; receipt_code: string; state: string; content: string; org_id: number };

/**
 * Holds `key` until the transaction ends, so that one registration runs per key: the same key
 * sent several times at once makes the later ones wait for the first.
 */
export async function lockIdempotencyKey(trx: Tx, key: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`opinion-key:${key}`}, 0))`.execute(trx);
}

/** The opinion registered with `key`, or null; under the key's lock the answer holds to the end of the transaction. */
export async function opinionByKey(trx: Tx, key: string): Promise<KeyedOpinion | null> {
  return (
    (await trx
      .selectFrom('opinion')
      .select(['id', 'receipt_code', 'state', 'content', 'org_id'])
      .where('idempotency_key', '=', key)
      .executeTakeFirst()) ?? null
  );
}

/** Who registers: a staff user (with their request), or a constituent through the portal. */
export type Registrar = { kind: 'staff'; actor: Actor; ctx: RequestContext } | { kind: 'constituent' };

/**
 * Registers an opinion and its first event in one transaction, with the receipt message in the
 * outbox. A repeated idempotency key returns the opinion the first call created. Round trips: the
 * station (with the new id and, for staff, the audit chain's lock and last hash), then every row in
 * one statement (plus the key's lock and look-up when there is a key, and a look-up per optional
 * reference given).
 */
export async function registerInTx(
  trx: Tx,
  p: Platform,
  input: RegisterOpinion,
  by: Registrar,
  /**
   * A caller that took the key's lock and looked it up already (the portal, which must know before
   * it spends the proof of work) passes what it found, so neither is done twice.
   */
  keyLookedUp?: { found: KeyedOpinion | null },
) {
  // A staff member's key is theirs alone: someone else replaying it gets nothing of theirs.
  const key = input.idempotencyKey
    ? by.kind === 'staff'
      ? `staff:${by.actor.userId}:${input.idempotencyKey}`
      : input.idempotencyKey
    : null;
  if (key) {
    // The same key sent several times at once: the later ones wait for the first and return its result.
    let seen: KeyedOpinion | null;
    if (keyLookedUp) seen = keyLookedUp.found;
    else {
      await lockIdempotencyKey(trx, key);
      seen = await opinionByKey(trx, key);
    }
    if (seen) {
      // The same key with other content is another opinion sent under a stale key, not a retry.
      if (seen.content !== input.content || seen.org_id !== input.orgId)
        throw new AppError('CONFLICT', { field: 'idempotencyKey' });
      return { id: seen.id, receiptCode: formatReceiptCode(seen.receipt_code), state: seen.state as OpinionState };
    }
  }
  // The new opinion's id comes with the station, so that every row of it goes in one statement.
  const org = await trx
    .selectFrom('organization')
    .select([
      'id',
      'path',
      'active',
      'kind',
      'parent_id',
      sql<string>`nextval(pg_get_serial_sequence('opinion', 'id'))`.as('opinion_id'),
      // A staff registration's audit row goes in the next statement too: its chain's lock and last
      // hash come now (held to the commit, as always).
      (by.kind === 'staff' ? p.audit.reserve(trx, 1) : sql<AuditReservation | null>`null`).as('audit'),
    ])
    .where('id', '=', input.orgId)
    .executeTakeFirst();
  if (by.kind === 'staff') {
    if (!org) throw new AppError('NOT_FOUND');
    authorize(by.actor, 'opinion.register', { orgPath: org.path }, 'opinion.read');
  }
  if (!org || !org.active)
    throw invalid({ path: 'body.orgId', zh: '联络站不存在或已停用', en: 'No such station, or it is closed' });
  if (input.categoryId) {
    const c = await trx
      .selectFrom('opinion_category')
      .select('id')
      .where('id', '=', input.categoryId)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!c) throw invalid({ path: 'body.categoryId', zh: '分类不存在', en: 'No such category' });
  }
  if (input.channel === 'informant' && !input.informantId)
    throw invalid({
      path: 'body.informantId',
      zh: '请选择反映情况的民情联络员',
      en: 'Choose the informant who passed it on',
    });
  if (input.informantId) {
    if (!(await isActiveInformantOf(trx, input.informantId, org.id)))
      throw invalid({
        path: 'body.informantId',
        zh: '该联络站没有这位民情联络员',
        en: 'No such informant at this station',
      });
  }
  const deputyIds = [...new Set(input.deputyIds)];
  if (deputyIds.length) {
    const found = await deputyNames(trx, deputyIds);
    if (found.length !== deputyIds.length)
      throw invalid({ path: 'body.deputyIds', zh: '代表不存在', en: 'No such deputy' });
  }
  if (input.receptionId) {
    if (!(await isReceptionOf(trx, input.receptionId, org.id)))
      throw invalid({
        path: 'body.receptionId',
        zh: '接待活动不存在或不属于该联络站',
        en: 'No such reception at this station',
      });
  }
  const c = input.constituent;
  const anonymous = c.anonymous;
  const name = anonymous ? null : (c.name ?? null);
  const phone = anonymous || c.phone == null ? null : normalizePhone(c.phone);
  const address = anonymous ? null : (c.address ?? null);
  const receipt = newReceiptCode();
  const id = Number(org.opinion_id);
  // The opinion, its deputies, its receipt message and (for staff) its audit row as data-modifying
  // CTEs of the insert of its first event: one round trip (the foreign keys are checked at the
  // statement's end).
  const rows = [
    trx.insertInto('opinion').values({
      id,
      receipt_code: receipt,
      org_id: org.id,
      org_path: org.path,
      committee_id: org.kind === 'station' ? org.parent_id : COMMITTEES.includes(org.kind) ? org.id : null,
      channel: input.channel,
      reception_id: input.receptionId ?? null,
      informant_id: input.informantId ?? null,
      state: 'registered',
      category_id: input.categoryId ?? null,
      content: input.content,
      location: input.location ?? null,
      anonymous,
      constituent_name_sealed: name ? p.fields.encrypt(name) : null,
      constituent_name_masked: name ? maskName(name) : null,
      constituent_phone_sealed: phone ? p.fields.encrypt(phone) : null,
      constituent_phone_masked: phone ? maskPhone(phone) : null,
      constituent_phone_digest: phone ? p.fields.blindIndex(phone) : null,
      constituent_address_sealed: address ? p.fields.encrypt(address) : null,
      contactable: !!(phone || address),
      search: sql`to_tsvector('simple', ${searchDocument(`${input.content} ${input.location ?? ''}`)})`,
      idempotency_key: key,
      created_by: by.kind === 'staff' ? by.actor.userId : null,
    }),
    ...(deputyIds.length
      ? [trx.insertInto('opinion_deputy').values(deputyIds.map((d) => ({ opinion_id: id, deputy_id: d })))]
      : []),
    ...(phone
      ? [
          outboxInsert(trx, {
            type: 'opinion.receipt',
            to: { phoneSealed: p.fields.encrypt(phone) },
            vars: { receiptCode: formatReceiptCode(receipt), followUrl: followUrl(p, id) },
            dedupeKey: `opinion.receipt:${id}`,
            scopeOrgId: org.id,
          }),
        ]
      : []),
    ...(by.kind === 'staff'
      ? [
          p.audit.insertChained(
            trx,
            by.ctx,
            [
              {
                action: 'opinion.register',
                subjectType: 'opinion',
                subjectId: id,
                summary: { orgId: org.id, channel: input.channel },
              },
            ],
            org.audit!,
          ),
        ]
      : []),
  ];
  const withRows = rows.reduce<QueryCreator<DB>>(
    (qc, q, i) => qc.with(`r${i}`, () => q) as unknown as QueryCreator<DB>,
    trx,
  );
  await withRows
    .insertInto('opinion_event')
    .values({
      opinion_id: id,
      action: 'register',
      from_state: null,
      to_state: 'registered',
      actor_kind: by.kind === 'staff' ? 'staff' : 'constituent',
      actor_id: by.kind === 'staff' ? by.actor.userId : null,
      actor_name: by.kind === 'staff' ? by.actor.displayName : null,
      data: JSON.stringify({ channel: input.channel, receptionId: input.receptionId ?? null }),
    })
    .execute();
  return { id, receiptCode: formatReceiptCode(receipt), state: 'registered' as const };
}

/** Registers an opinion brought to a staff member (at a reception, by phone, letter, visit…). */
export function registerOpinion(p: Platform, ctx: RequestContext, actor: Actor, input: RegisterOpinion) {
  return inTransaction(p.db, (trx) => registerInTx(trx, p, input, { kind: 'staff', actor, ctx }));
}
