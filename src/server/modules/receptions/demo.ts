import { sql } from 'kysely';
import type { Tx } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { ReceptionRule } from '../../../contracts/reception-rule.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import { occurrences } from '../../platform/calendar/reception-rule.js';
import { packageCalendar } from '../../platform/calendar/working-days.js';
import type { Platform } from '../../platform/context.js';
import { orgByCode } from '../org/tree.js';
import { memberIds, stationForReceptions } from '../stations/members.js';
import { hourlySlots } from './plan.js';
import { insertParts } from './schedule.js';

/**
 * Demo receptions at 新碶 on its reception days: the last one held (closed, with a record and visitors), the
 * next one published with appointment slots (bookable through the public API), one planned after it; the other
 * streets have none, so the compliance lists have something to show.
 */
export async function seedDemoReceptions(p: Platform, trx: Tx, ctx: RequestContext) {
  const station = await orgByCode(trx, 'BL-XINQI');
  if (!station) return;
  const ids = await memberIds(trx, station.id);
  const today = chinaToday();
  const time = { start: '09:00', end: '11:30' };
  const add = async (
    day: string,
    status: string,
    duty: number[],
    extra: { visitors?: number; summary?: string } = {},
  ) => {
    const { id } = await trx
      .insertInto('reception')
      .values({
        station_id: station.id,
        day,
        start_time: time.start,
        end_time: time.end,
        mode: 'regular',
        status,
        published_at: status === 'planned' ? null : new Date(),
        visitors: extra.visitors ?? 0,
        summary: extra.summary ?? null,
        closed_at: status === 'closed' ? new Date() : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertParts(trx, id, { deputyIds: duty, slots: status === 'closed' ? [] : hourlySlots(time, 5) });
    if (status === 'closed')
      await trx
        .updateTable('reception_duty')
        .set({ signed_in_at: sql<Date>`${`${day}T01:05:00Z`}::timestamptz`, sign_in_method: 'officer' })
        .where('reception_id', '=', id)
        .execute();
    return id;
  };
  // On the station's own reception days (its rule), so the portal's dates and the receptions agree.
  const schedule = await stationForReceptions(trx, station.id);
  const rule = (schedule?.reception_schedule ?? null) as ReceptionRule | null;
  const ruleDays = rule ? occurrences(rule, addDays(today, -62), addDays(today, 120), packageCalendar()) : [];
  const ahead = ruleDays.filter((d) => d > addDays(today, 3));
  const heldDay = ruleDays.filter((d) => d < today).at(-1) ?? addDays(today, -30);
  const [nextDay = addDays(today, 7), laterDay = addDays(today, 37)] = ahead;
  const held = await add(heldDay, 'closed', ids.slice(0, 2), {
    visitors: 6,
    summary: '接待群众 6 人次，反映路灯、停车等问题 3 件，现场答复 1 件，其余已登记交办。',
  });
  const next = await add(nextDay, 'published', ids.slice(1, 3));
  const later = await add(
    laterDay,
    'planned',
    [ids[0], ids[2]].filter((x): x is number => x !== undefined),
  );
  await p.audit.record(trx, ctx, {
    action: 'reception.seedDemo',
    subjectType: 'reception',
    subjectId: next,
    summary: { stationId: station.id, receptions: [held, next, later] },
  });
}
