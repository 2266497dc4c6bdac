import { sql } from 'kysely';
import { inTransaction } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { calendarCache, type WorkingCalendar } from '../../platform/calendar/working-days.js';
import type { Platform } from '../../platform/context.js';
import { fireInTx } from './steps.js';

/** Assignments read per page by the deadline sweep. */
const SWEEP_PAGE = 500;

const SYSTEM: RequestContext = { actor: null, requestId: 'sweep', ip: null, userAgent: null };

/**
 * The deadline sweep (DESIGN.md "Deadlines"): not accepted within 1 working day → reminder;
 * 3 working days before the deadline → reminder; past the deadline → supervision, and
 * escalation once it is 5 working days late. Each push is fired once per assignment (the
 * assignment remembers which it got), so the sweep can run as often as wanted.
 */
export async function sweepDeadlines(p: Platform, today = chinaToday(), pageSize = SWEEP_PAGE) {
  // One calendar snapshot for the whole sweep (admin corrections included).
  const calendar = await calendarCache(p.db).get();
  const soon = calendar.addWorkingDays(today, 3);
  // Only the assignments with something still to do: a push not yet sent, or an overdue mark not yet
  // set. An opinion long overdue and fully pushed costs nothing (it used to cost a transaction every
  // 15 minutes, and the sweep held every open opinion in memory). In pages, by id.
  const page = (after: number) =>
    p.db
      .selectFrom('opinion as o')
      .innerJoin('opinion_assignment as a', (j) =>
        j.onRef('a.opinion_id', '=', 'o.id').on('a.is_lead', '=', true).on('a.state', 'in', ['assigned', 'accepted']),
      )
      .select([
        'o.id',
        'o.state',
        'o.overdue',
        sql<string>`to_char(a.deadline, 'YYYY-MM-DD')`.as('deadline'),
        sql<string>`to_char(a.accept_by, 'YYYY-MM-DD')`.as('accept_by'),
        'a.id as assignment_id',
        'a.reminders_sent',
      ])
      .where('o.state', 'in', ['assigned', 'inProgress'])
      .where('o.id', '>', after)
      .where(
        (eb) => sql<boolean>`(
          (${eb.ref('o.state')} = 'assigned' AND ${eb.ref('a.accept_by')} < ${today}::date
             AND NOT 'notAccepted' = ANY(${eb.ref('a.reminders_sent')}))
          OR (${eb.ref('a.deadline')} BETWEEN ${today}::date AND ${soon}::date
             AND NOT 'dueSoon' = ANY(${eb.ref('a.reminders_sent')}))
          OR (${eb.ref('a.deadline')} < ${today}::date
             AND (NOT ${eb.ref('o.overdue')} OR NOT ${eb.ref('a.reminders_sent')} @> ARRAY['overdue', 'overdue5'])))`,
      )
      .orderBy('o.id')
      .limit(pageSize)
      .execute();
  let pushed = 0;
  let checked = 0;
  for (let after = 0; ;) {
    const candidates = await page(after);
    if (!candidates.length) break;
    after = candidates.at(-1)!.id;
    checked += candidates.length;
    pushed += await pushDue(p, calendar, today, soon, candidates);
    if (candidates.length < pageSize) break;
  }
  return { checked, pushed };
}

async function pushDue(
  p: Platform,
  calendar: WorkingCalendar,
  today: string,
  soon: string,
  candidates: {
    id: number;
    state: string;
    overdue: boolean;
    deadline: string;
    accept_by: string;
    assignment_id: number;
    reminders_sent: string[];
  }[],
) {
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
    if (!fresh.length && (!overdue || c.overdue)) continue;
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
  return pushed;
}
