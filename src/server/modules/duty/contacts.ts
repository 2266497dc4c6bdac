import { sql } from 'kysely';
import type { z } from 'zod';
import { contactModeLabels, type ContactInput, type ContactsView, type PairingInput } from '../../../contracts/duty.js';
import { inTransaction } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { deputiesForRecord } from '../deputies/duty-source.js';
import { accountsHoldingInScope, activeUserIds, userNames } from '../users/contacts.js';
import { deputyScope, ownDeputyId, relationTo, deputyNameMap } from './load.js';
import { recordActivity } from './record-activity.js';
import { canOnDeputy, deputyInScopeSql } from './policy.js';

/**
 * The two contacts (两联系): standing-committee members paired by the district with the deputies they
 * keep in touch with, and the deputies' contact with their constituents. Each contact is one
 * activity in the deputy's record (`contact:<id>`): constituentContact or memberContact.
 */

/** The district pairs a member (an account) with a deputy in its scope. */
export async function addPairing(p: Platform, ctx: RequestContext, actor: Actor, input: z.infer<typeof PairingInput>) {
  const deputy = await deputyScope(p.db, input.deputyId);
  if (!canOnDeputy(actor, 'duty.manage', deputy.org_path, deputy.stationPaths)) throw new AppError('FORBIDDEN');
  if (!(await activeUserIds(p.db, [input.memberId])).has(input.memberId))
    throw invalid({ path: 'body.memberId', zh: '该账号不存在', en: 'No such account' });
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('duty_pairing')
      .values({
        member_id: input.memberId,
        deputy_id: input.deputyId,
        org_path: deputy.org_path,
        created_by: actor.userId,
      })
      .onConflict((oc) => oc.columns(['member_id', 'deputy_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row)
      await p.audit.record(trx, ctx, {
        action: 'duty.pair',
        subjectType: 'dutyPairing',
        subjectId: row.id,
        summary: { after: input },
      });
    return { created: !!row };
  });
}

/**
 * Records a contact: a deputy (or staff checking them) with constituents; a paired member with the
 * deputy. Credited in the deputy's record at once.
 */
export async function recordContact(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  input: z.infer<typeof ContactInput>,
) {
  const deputyId = input.deputyId ?? (await ownDeputyId(p.db, actor));
  if (deputyId === null) throw invalid({ path: 'body.deputyId', zh: '请选择代表', en: 'Choose the deputy' });
  let memberId: number | null = null;
  if (input.kind === 'member') {
    const paired = await p.db
      .selectFrom('duty_pairing')
      .select('id')
      .where('member_id', '=', actor.userId)
      .where('deputy_id', '=', deputyId)
      .executeTakeFirst();
    if (!paired) throw new AppError('FORBIDDEN');
    memberId = actor.userId;
  } else {
    const rel = await relationTo(p.db, actor, deputyId, 'duty.check');
    if (!rel.own && !rel.may) throw new AppError('FORBIDDEN');
  }
  const [deputy] = await deputiesForRecord(p.db, [deputyId]);
  if (!deputy) throw new AppError('NOT_FOUND');
  return inTransaction(p.db, async (trx) => {
    const row = await trx
      .insertInto('duty_contact')
      .values({
        kind: input.kind,
        deputy_id: deputyId,
        member_id: memberId,
        org_path: deputy.org_path,
        day: input.day,
        mode: input.mode,
        people: input.people ?? null,
        summary: input.summary,
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordActivity(
      trx,
      {
        deputyId,
        kind: input.kind === 'member' ? 'memberContact' : 'constituentContact',
        sourceKey: `contact:${row.id}`,
        day: input.day,
        title: `${contactModeLabels[input.mode].zh}：${input.summary}`.slice(0, 200),
      },
      actor.userId,
      deputy.org_path,
    );
    await p.audit.record(trx, ctx, {
      action: 'duty.contact',
      subjectType: 'dutyContact',
      subjectId: row.id,
      summary: { after: { ...input, deputyId } },
    });
    return { id: row.id };
  });
}

/** Pairings and contacts of a year that the actor may see: their own (deputy or member) and those in scope. */
export async function listContacts(p: Platform, actor: Actor, year: number): Promise<z.infer<typeof ContactsView>> {
  const own = (await ownDeputyId(p.db, actor)) ?? 0;
  const visible = (deputyCol: string, pathCol: string, memberCol: string) =>
    sql<boolean>`(${sql.ref(deputyCol)} = ${own} OR ${sql.ref(memberCol)} = ${actor.userId}
      OR ${deputyInScopeSql(actor, 'duty.read', deputyCol, pathCol)})`;
  const [pairings, contacts] = await Promise.all([
    p.db
      .selectFrom('duty_pairing as x')
      .select(['x.id', 'x.member_id', 'x.deputy_id'])
      .where(visible('x.deputy_id', 'x.org_path', 'x.member_id'))
      .orderBy('x.id')
      .limit(2000)
      .execute(),
    p.db
      .selectFrom('duty_contact as c')
      .selectAll('c')
      .select(sql<string>`to_char(c.day, 'YYYY-MM-DD')`.as('day_text'))
      .where(visible('c.deputy_id', 'c.org_path', 'c.member_id'))
      .where(sql<boolean>`c.day BETWEEN ${`${year}-01-01`}::date AND ${`${year}-12-31`}::date`)
      .orderBy('c.day', 'desc')
      .orderBy('c.id', 'desc')
      .limit(2000)
      .execute(),
  ]);
  const names = await deputyNameMap(
    p.db,
    [...pairings, ...contacts].map((r) => r.deputy_id),
  );
  const members = new Map(
    (await userNames(p.db, [...pairings.map((r) => r.member_id), ...contacts.flatMap((c) => c.member_id ?? [])])).map(
      (u) => [u.id, u.display_name],
    ),
  );
  return {
    pairings: pairings.map((r) => ({
      id: r.id,
      memberId: r.member_id,
      memberName: members.get(r.member_id) ?? '',
      deputyId: r.deputy_id,
      deputyName: names.get(r.deputy_id) ?? '',
    })),
    contacts: contacts.map((c) => ({
      id: c.id,
      kind: c.kind as 'constituents' | 'member',
      deputyId: c.deputy_id,
      deputyName: names.get(c.deputy_id) ?? '',
      memberName: c.member_id === null ? null : (members.get(c.member_id) ?? ''),
      day: c.day_text,
      mode: c.mode as keyof typeof contactModeLabels,
      people: c.people,
      summary: c.summary,
    })),
  };
}

/** Committee accounts (district officers) in the actor's scope of duty.manage, for pairing; at most 50. */
export async function pairableMembers(p: Platform, actor: Actor, q: string | undefined) {
  const rows = await accountsHoldingInScope(p.db, actor, 'duty.manage', 'districtOfficer', q, () => sql<boolean>`true`);
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}
