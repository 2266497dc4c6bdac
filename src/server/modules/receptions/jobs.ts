import { sql } from 'kysely';
import { inTransaction } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import type { QueueDefinition } from '../../platform/jobs/jobs.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { remindCompliance } from '../compliance/reminders.js';
import { stationsForReceptions } from '../stations/members.js';
import { notifyDuty, publishInTx } from './schedule.js';

const jobCtx: RequestContext = { actor: null, requestId: 'receptions.sweep', ip: null, userAgent: 'liaison jobs' };

/**
 * The receptions sweep: announces planned receptions of approved plans when their notice day comes
 * (N days ahead, default 3), reminds duty deputies and booked constituents the day before, and warns
 * stations about to miss the two-month rule. Every message carries a dedupe key: a rerun sends nothing twice.
 */
export async function sweepReceptions(p: Platform, today = chinaToday()) {
  const due = await p.db
    .selectFrom('reception as r')
    // A year's plan covers every reception of its station in that year (generated, added or moved there).
    .innerJoin('reception_plan as pl', (j) =>
      j.onRef('pl.station_id', '=', 'r.station_id').on(sql<boolean>`pl.year = extract(year FROM r.day)::int`),
    )
    .select('r.id')
    .where('pl.status', '=', 'approved')
    .where('r.status', '=', 'planned')
    .where('r.day', '>=', today)
    .where(sql<boolean>`r.day - r.notice_days <= ${today}::date`)
    .where((eb) =>
      eb.exists(eb.selectFrom('reception_duty as rd').select('rd.deputy_id').whereRef('rd.reception_id', '=', 'r.id')),
    )
    .execute();
  let published = 0;
  for (const r of due) {
    await inTransaction(p.db, (trx) => publishInTx(p, trx, jobCtx, null, r.id, new Date(`${today}T00:00:00+08:00`)));
    published++;
  }

  const tomorrow = addDays(today, 1);
  const soon = await p.db
    .selectFrom('reception as r')
    .select(['r.id', 'r.station_id', sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'), 'r.start_time'])
    .where('r.status', '=', 'published')
    .where('r.day', '=', tomorrow)
    .where('r.reminded_at', 'is', null)
    .execute();
  const stationName = new Map(
    (
      await stationsForReceptions(
        p.db,
        soon.map((r) => r.station_id),
      )
    ).map((s) => [s.id, s.name]),
  );
  for (const row of soon) {
    const r = { ...row, name: stationName.get(row.station_id)! };
    await inTransaction(p.db, async (trx) => {
      await notifyDuty(p, trx, r.id, r.name, r.station_id, `${r.day} ${r.start_time}`, 'reminder');
      const booked = await trx
        .selectFrom('appointment as a')
        .innerJoin('reception_slot as sl', 'sl.id', 'a.slot_id')
        .select(['a.id', 'a.phone_sealed', 'sl.start_time', 'sl.end_time'])
        .where('a.reception_id', '=', r.id)
        .where('a.status', '=', 'booked')
        .execute();
      for (const a of booked)
        await enqueue(trx, {
          type: 'appointment.reminder',
          to: { phoneSealed: a.phone_sealed },
          vars: { stationName: r.name, date: r.day, time: `${a.start_time}–${a.end_time}` },
          scopeOrgId: r.station_id,
          dedupeKey: `appointment.reminder:${a.id}:${r.day}`,
        });
      await trx.updateTable('reception').set({ reminded_at: new Date() }).where('id', '=', r.id).execute();
    });
  }
  const warned = await remindCompliance(p, today);
  return { published, reminded: soon.length, warned };
}

/** The receptions sweep, hourly on one worker at a time. */
export function receptionJobs(p: Platform): QueueDefinition[] {
  return [
    {
      name: 'receptions.sweep',
      policy: 'stately',
      cron: '5 * * * *',
      retryLimit: 2,
      expireInSeconds: 900,
      handle: async () => {
        await sweepReceptions(p);
      },
    },
  ];
}
