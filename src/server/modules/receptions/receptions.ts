import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  ListReceptionsQuery,
  ReceptionStatus,
  ReceptionSummary,
  ReceptionView,
} from '../../../contracts/receptions.js';
import type { Db, Tx } from '../../db/database.js';
import { authorize, can, inScope, type Actor } from '../../platform/access/policy.js';
import { addDays } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { deputyNames, groupsByIds } from '../deputies/names.js';
import { orgById } from '../org/tree.js';
import { stationForReceptions } from '../stations/members.js';
import { userNames } from '../users/contacts.js';

/** Receptions as staff read them: the row, its scope, its summary and its full view. */

export const statusLabels: Record<ReceptionStatus, { zh: string; en: string }> = {
  planned: { zh: '计划中', en: 'planned' },
  published: { zh: '已发布', en: 'published' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  closed: { zh: '已结束', en: 'closed' },
};

/** Throws RECEPTION_STATE unless the reception is in one of `allowed`. */
export function expectStatus(status: string, allowed: readonly ReceptionStatus[]) {
  if (allowed.includes(status as ReceptionStatus)) return;
  const l = statusLabels[status as ReceptionStatus];
  throw new AppError('RECEPTION_STATE', { vars: { zh: { state: l.zh }, en: { state: l.en } } });
}

/**
 * Receptions with their station's name and path, every column a view needs (plans list them too).
 * The join to organization stays: it is the ltree scope filter of every list (one query, not one per row).
 */
export function baseQuery(db: Db | Tx) {
  return (db as Db)
    .selectFrom('reception as r')
    .innerJoin('organization as o', 'o.id', 'r.station_id')
    .select([
      'r.id',
      'r.station_id',
      'o.name as station_name',
      'o.path',
      'r.plan_id',
      'r.group_id',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.start_time',
      'r.end_time',
      'r.mode',
      'r.theme',
      'r.place',
      'r.status',
      'r.notice_days',
      'r.published_at',
      'r.visitors',
      'r.cancel_reason',
      sql<string | null>`to_char(r.previous_day, 'YYYY-MM-DD')`.as('previous_day'),
      'r.reschedule_reason',
      'r.summary',
      'r.closed_at',
    ]);
}
export type ReceptionRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

/** A reception the actor may read (anything else: not found); with `manage`, one it may change. */
export async function loadReception(db: Db | Tx, actor: Actor, id: number, manage = false) {
  const row = await baseQuery(db).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND');
  authorize(actor, 'reception.read', { orgPath: row.path });
  if (manage) authorize(actor, 'reception.manage', { orgPath: row.path }, 'reception.read');
  return row;
}

/** The same row, locked for the rest of the transaction (state changes serialise per reception). */
export async function lockReception(trx: Tx, actor: Actor | null, id: number, manage = true) {
  await trx.selectFrom('reception').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!actor) {
    const row = await baseQuery(trx).where('r.id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return row;
  }
  return loadReception(trx, actor, id, manage);
}

async function dutyOf(db: Db | Tx, ids: number[]) {
  if (!ids.length) return [];
  const duty = await db
    .selectFrom('reception_duty')
    .select(['reception_id', 'deputy_id', 'signed_in_at', 'sign_in_method'])
    .where('reception_id', 'in', ids)
    .execute();
  // Deputies come in name order; each reception lists its duty in that order.
  const deputies = await deputyNames(
    db,
    duty.map((d) => d.deputy_id),
  );
  const order = new Map(deputies.map((d, i) => [d.id, i]));
  const byId = new Map(deputies.map((d) => [d.id, d]));
  return duty
    .sort((a, b) => a.reception_id - b.reception_id || order.get(a.deputy_id)! - order.get(b.deputy_id)!)
    .map((d) => {
      const deputy = byId.get(d.deputy_id)!;
      return { ...d, name: deputy.name, is_leading_cadre: deputy.is_leading_cadre, levels: deputy.levels };
    });
}

/** Summaries of rows, with their duty deputies. */
export async function summarize(db: Db | Tx, rows: ReceptionRow[]): Promise<ReceptionSummary[]> {
  const [duty, groups] = await Promise.all([
    dutyOf(
      db,
      rows.map((r) => r.id),
    ),
    groupsByIds(
      db,
      rows.flatMap((r) => (r.group_id === null ? [] : [r.group_id])),
    ),
  ]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  return rows.map((r) => ({
    id: r.id,
    stationId: r.station_id,
    stationName: r.station_name,
    planId: r.plan_id,
    groupId: r.group_id,
    groupName: r.group_id === null ? null : (groupName.get(r.group_id) ?? null),
    day: r.day,
    start: r.start_time,
    end: r.end_time,
    mode: r.mode as ReceptionSummary['mode'],
    theme: r.theme,
    place: r.place,
    status: r.status as ReceptionStatus,
    noticeDays: r.notice_days,
    publishOn: addDays(r.day, -r.notice_days),
    publishedAt: r.published_at?.toISOString() ?? null,
    visitors: r.visitors,
    duty: duty
      .filter((d) => d.reception_id === r.id)
      .map((d) => ({
        deputyId: d.deputy_id,
        name: d.name,
        levels: d.levels,
        isLeadingCadre: d.is_leading_cadre,
        signedInAt: d.signed_in_at?.toISOString() ?? null,
        signInMethod: d.sign_in_method as 'qr' | 'officer' | null,
      })),
  }));
}

/** Receptions in scope between two days, by station, organisation subtree or duty deputy. */
export async function listReceptions(p: Platform, actor: Actor, q: z.infer<typeof ListReceptionsQuery>) {
  authorize(actor, 'reception.read');
  if (q.to > addDays(q.from, 400))
    throw invalid({ path: 'query.to', zh: '时间范围最多一年', en: 'At most a year at a time' });
  let under: string | null = null;
  if (q.orgId) {
    // An organisation that does not exist has no receptions under it.
    under = (await orgById(p.db, q.orgId))?.path ?? null;
    if (!under) return { items: [] };
  }
  let query = baseQuery(p.db)
    .where(inScope(actor, 'reception.read', sql.ref('o.path')))
    .where('r.day', '>=', q.from)
    .where('r.day', '<=', q.to);
  if (q.stationId) query = query.where('r.station_id', '=', q.stationId);
  if (under) query = query.where(sql<boolean>`o.path <@ ${under}::ltree`);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.deputyId)
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('reception_duty as rd')
          .select('rd.deputy_id')
          .whereRef('rd.reception_id', '=', 'r.id')
          .where('rd.deputy_id', '=', q.deputyId!),
      ),
    );
  const rows = await query.orderBy('r.day').orderBy('r.start_time').orderBy('r.id').limit(1000).execute();
  return { items: await summarize(p.db, rows) };
}

/** One reception with its slots, appointments (masked), consultants, opinions and photos. */
export async function getReception(p: Platform, actor: Actor, id: number): Promise<ReceptionView> {
  const row = await loadReception(p.db, actor, id);
  const [summary] = await summarize(p.db, [row]);
  const [consultants, station, slots, appointments, entries, photos] = await Promise.all([
    p.db
      .selectFrom('reception_consultant')
      .select('user_id')
      .where('reception_id', '=', id)
      .execute()
      .then((rows) =>
        userNames(
          p.db,
          rows.map((c) => c.user_id),
        ),
      ),
    stationForReceptions(p.db, row.station_id),
    p.db
      .selectFrom('reception_slot')
      .selectAll()
      .where('reception_id', '=', id)
      .orderBy('start_time')
      .orderBy('id')
      .execute(),
    p.db
      .selectFrom('appointment as a')
      .innerJoin('reception_slot as sl', 'sl.id', 'a.slot_id')
      .select([
        'a.id',
        'a.slot_id',
        'sl.start_time',
        'sl.end_time',
        'a.name_masked',
        'a.phone_masked',
        'a.topic',
        'a.status',
        'a.created_at',
      ])
      .where('a.reception_id', '=', id)
      .orderBy('sl.start_time')
      .orderBy('a.id')
      .execute(),
    p.db
      .selectFrom('reception_entry')
      .select(['result'])
      .where('reception_id', '=', id)
      .where('kind', '=', 'opinion')
      .orderBy('created_at')
      .execute(),
    p.db.selectFrom('reception_photo').select(['id', 'caption']).where('reception_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    ...summary!,
    stationAddress: station?.address ?? null,
    consultants: consultants.map((c) => ({ userId: c.id, displayName: c.display_name })),
    slots: slots.map((s) => ({
      id: s.id,
      start: s.start_time,
      end: s.end_time,
      capacity: s.capacity,
      booked: s.booked,
    })),
    appointments: appointments.map((a) => ({
      id: a.id,
      slotId: a.slot_id,
      slot: `${a.start_time}–${a.end_time}`,
      name: a.name_masked,
      phone: a.phone_masked,
      topic: a.topic,
      status: a.status as ReceptionView['appointments'][number]['status'],
      createdAt: a.created_at.toISOString(),
    })),
    cancelReason: row.cancel_reason,
    previousDay: row.previous_day,
    rescheduleReason: row.reschedule_reason,
    summary: row.summary,
    closedAt: row.closed_at?.toISOString() ?? null,
    opinions: entries.map((e) => e.result as { id: number; receiptCode: string }),
    photos: photos.map((ph) => ({ id: ph.id, caption: ph.caption, url: `/api/receptions/${id}/photos/${ph.id}` })),
    can: { manage: can(actor, 'reception.manage', { orgPath: row.path }) },
  };
}

/** The planned or published receptions a deputy is on the rota for between two days (at most 100), in time order. */
export async function dutyReceptions(db: Db | Tx, deputyId: number, from: string, to: string) {
  const rows = await baseQuery(db)
    .where('r.day', '>=', from)
    .where('r.day', '<=', to)
    .where('r.status', 'in', ['planned', 'published'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('reception_duty as rd')
          .select('rd.deputy_id')
          .whereRef('rd.reception_id', '=', 'r.id')
          .where('rd.deputy_id', '=', deputyId),
      ),
    )
    .orderBy('r.day')
    .orderBy('r.start_time')
    .orderBy('r.id')
    .limit(100)
    .execute();
  return summarize(db, rows);
}

/** Whether reception `receptionId` exists at station `stationId`. */
export async function isReceptionOf(db: Db | Tx, receptionId: number, stationId: number) {
  const r = await db
    .selectFrom('reception')
    .select('id')
    .where('id', '=', receptionId)
    .where('station_id', '=', stationId)
    .executeTakeFirst();
  return !!r;
}
