import { sql } from 'kysely';
import { inTransaction } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import { calendarCache, type WorkingCalendar } from '../../platform/calendar/working-days.js';
import type { Platform } from '../../platform/context.js';
import { fireInTx } from './steps.js';

/** Assignments read per page by the deadline sweep. */
const SWEEP_PAGE = 500;

const SYSTEM: RequestContext = { actor: null, requestId: 'sweep', ip: null, userAgent: null };

/** The pushes of the deadline sweep, in the order they are fired. */
const PUSHES = {
  notAccepted: { level: 'reminder', note: '交办超过1个工作日未签收 / not accepted within 1 working day' },
  dueSoon: { level: 'reminder', note: '距办理期限不足3个工作日 / deadline within 3 working days' },
  overdue: { level: 'supervision', note: '已超过办理期限 / past the deadline' },
  overdue5: { level: 'escalation', note: '超期5个工作日以上 / 5 working days late' },
} as const;
type PushKey = keyof typeof PUSHES;

/**
 * The deadline sweep (DESIGN.md "Deadlines"): not accepted within 1 working day → reminder;
 * 3 working days before the deadline → reminder; past the deadline → supervision, and
 * escalation once it is 5 working days late. Each push is fired once per assignment (the
 * assignment remembers which it got), so the sweep can run as often as wanted.
 *
 * The rules are stated once, in the query: it returns, per lead assignment, the pushes its dates
 * call for (`due`), and only the assignments with something still to do — a push not yet sent, or
 * an overdue mark not yet set. An opinion long overdue and fully pushed costs nothing. Working days
 * enter as two dates worked out here: the day 3 working days ahead, and the latest deadline that is
 * 5 working days late today. In pages, by id.
 */
export async function sweepDeadlines(p: Platform, today = chinaToday(), pageSize = SWEEP_PAGE) {
  // One calendar snapshot for the whole sweep (admin corrections included).
  const calendar = await calendarCache(p.db).get();
  const soon = calendar.addWorkingDays(today, 3);
  const late5 = latestLateBy(calendar, today, 5);
  const page = (after: number) =>
    p.db
      .with('due', (db) =>
        db
          .selectFrom('opinion as o')
          .innerJoin('opinion_assignment as a', (j) =>
            j
              .onRef('a.opinion_id', '=', 'o.id')
              .on('a.is_lead', '=', true)
              .on('a.state', 'in', ['assigned', 'accepted']),
          )
          .select([
            'o.id',
            'o.overdue',
            sql<boolean>`a.deadline < ${today}::date`.as('late'),
            'a.id as assignment_id',
            'a.reminders_sent',
            sql<PushKey[]>`array_remove(ARRAY[
              CASE WHEN o.state = 'assigned' AND a.accept_by < ${today}::date THEN 'notAccepted' END,
              CASE WHEN a.deadline BETWEEN ${today}::date AND ${soon}::date THEN 'dueSoon' END,
              CASE WHEN a.deadline < ${today}::date THEN 'overdue' END,
              CASE WHEN a.deadline <= ${late5}::date THEN 'overdue5' END], NULL)`.as('due'),
          ])
          .where('o.state', 'in', ['assigned', 'inProgress'])
          .where('o.id', '>', after),
      )
      .selectFrom('due')
      .selectAll()
      .where(sql<boolean>`NOT due <@ reminders_sent OR (late AND NOT overdue)`)
      .orderBy('id')
      .limit(pageSize)
      .execute();
  let pushed = 0;
  let checked = 0;
  for (let after = 0; ;) {
    const candidates = await page(after);
    if (!candidates.length) break;
    after = candidates.at(-1)!.id;
    checked += candidates.length;
    pushed += await pushDue(p, candidates);
    if (candidates.length < pageSize) break;
  }
  return { checked, pushed };
}

/** The latest deadline that is `n` working days late on `today` (its n-th working day after is today or before). */
function latestLateBy(calendar: WorkingCalendar, today: string, n: number): string {
  let day = addDays(today, -n);
  while (calendar.addWorkingDays(day, n) > today) day = addDays(day, -1);
  return day;
}

async function pushDue(
  p: Platform,
  candidates: {
    id: number;
    overdue: boolean;
    late: boolean;
    assignment_id: number;
    reminders_sent: string[];
    due: PushKey[];
  }[],
) {
  let pushed = 0;
  for (const c of candidates) {
    await inTransaction(p.db, async (trx) => {
      // Re-check under lock: a unit may have answered meanwhile.
      const a = await trx
        .selectFrom('opinion_assignment')
        .select(['state', 'reminders_sent'])
        .where('id', '=', c.assignment_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      if (!['assigned', 'accepted'].includes(a.state)) return;
      if (c.late)
        await trx
          .updateTable('opinion')
          .set({ overdue: true })
          .where('id', '=', c.id)
          .where('overdue', '=', false)
          .execute();
      for (const key of c.due.filter((k) => !a.reminders_sent.includes(k))) {
        const { level, note } = PUSHES[key];
        await fireInTx(trx, p, c.id, { action: 'supervise', level, note }, { kind: 'system', ctx: SYSTEM });
        await trx
          .updateTable('opinion_assignment')
          .set({ reminders_sent: sql<string[]>`array_append(reminders_sent, ${key})` })
          .where('id', '=', c.assignment_id)
          .execute();
        pushed++;
      }
    });
  }
  return pushed;
}
