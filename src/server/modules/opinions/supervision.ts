import { sql } from 'kysely';
import { inTransaction } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { calendarCache } from '../../platform/calendar/working-days.js';
import type { Platform } from '../../platform/context.js';
import { fireInTx } from './steps.js';

const SYSTEM: RequestContext = { actor: null, requestId: 'sweep', ip: null, userAgent: null };

/**
 * The deadline sweep (DESIGN.md "Deadlines"): not accepted within 1 working day → reminder;
 * 3 working days before the deadline → reminder; past the deadline → supervision, and
 * escalation once it is 5 working days late. Each push is fired once per assignment (the
 * assignment remembers which it got), so the sweep can run as often as wanted.
 */
export async function sweepDeadlines(p: Platform, today = chinaToday()) {
  // One calendar snapshot for the whole sweep (admin corrections included).
  const calendar = await calendarCache(p.db).get();
  const soon = calendar.addWorkingDays(today, 3);
  const candidates = await p.db
    .selectFrom('opinion as o')
    .innerJoin('opinion_assignment as a', (j) =>
      j.onRef('a.opinion_id', '=', 'o.id').on('a.is_lead', '=', true).on('a.state', 'in', ['assigned', 'accepted']),
    )
    .select([
      'o.id',
      'o.state',
      sql<string>`to_char(a.deadline, 'YYYY-MM-DD')`.as('deadline'),
      sql<string>`to_char(a.accept_by, 'YYYY-MM-DD')`.as('accept_by'),
      'a.id as assignment_id',
      'a.reminders_sent',
    ])
    .where('o.state', 'in', ['assigned', 'inProgress'])
    .where((eb) =>
      eb.or([
        eb('a.deadline', '<=', sql<string>`${soon}::date`),
        eb.and([eb('o.state', '=', 'assigned'), eb('a.accept_by', '<', sql<string>`${today}::date`)]),
      ]),
    )
    .orderBy('o.id')
    .execute();
  let pushed = 0;
  for (const c of candidates) {
    const due: { key: string; level: 'reminder' | 'supervision' | 'escalation'; note: string }[] = [];
    if (c.state === 'assigned' && c.accept_by < today)
      due.push({
        key: 'notAccepted',
        level: 'reminder',
        note: '交办超过1个工作日未签收 / not accepted within 1 working day',
      });
    if (c.deadline >= today && c.deadline <= soon)
      due.push({ key: 'dueSoon', level: 'reminder', note: '距办理期限不足3个工作日 / deadline within 3 working days' });
    if (c.deadline < today) {
      due.push({ key: 'overdue', level: 'supervision', note: '已超过办理期限 / past the deadline' });
      const late5 = calendar.addWorkingDays(c.deadline, 5);
      if (late5 <= today)
        due.push({ key: 'overdue5', level: 'escalation', note: '超期5个工作日以上 / 5 working days late' });
    }
    const fresh = due.filter((d) => !c.reminders_sent.includes(d.key));
    const overdue = c.deadline < today;
    if (!fresh.length && !overdue) continue;
    await inTransaction(p.db, async (trx) => {
      // Re-check under lock: a unit may have answered meanwhile.
      const a = await trx
        .selectFrom('opinion_assignment')
        .select(['state', 'reminders_sent'])
        .where('id', '=', c.assignment_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (!['assigned', 'accepted'].includes(a.state)) return;
      if (overdue)
        await trx
          .updateTable('opinion')
          .set({ overdue: true })
          .where('id', '=', c.id)
          .where('overdue', '=', false)
          .execute();
      for (const d of fresh.filter((f) => !a.reminders_sent.includes(f.key))) {
        await fireInTx(
          trx,
          p,
          c.id,
          { action: 'supervise', level: d.level, note: d.note },
          { kind: 'system', ctx: SYSTEM },
        );
        await trx
          .updateTable('opinion_assignment')
          .set({ reminders_sent: sql<string[]>`array_append(reminders_sent, ${d.key})` })
          .where('id', '=', c.assignment_id)
          .execute();
        pushed++;
      }
    });
  }
  return { checked: candidates.length, pushed };
}
