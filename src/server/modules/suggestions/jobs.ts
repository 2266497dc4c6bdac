// The suggestions sweep: a B or C answer's committed date reopens the suggestion by itself; handling
// due within 14 days or overdue is supervised, and co-units whose view is due within 5 days or late
// are reminded (each push once a week per suggestion and unit, by dedupe key).
import { sql } from 'kysely';
import { inTransaction } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { addDays, chinaToday, dayNumber } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import type { QueueDefinition } from '../../platform/jobs/jobs.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { displayNumber } from './load.js';
import { fireInTx } from './steps.js';

const jobCtx: RequestContext = { actor: null, requestId: 'suggestions.sweep', ip: null, userAgent: 'liaison jobs' };

/** Reopens suggestions whose commitment date has come, and reminds units of due and overdue answers. */
export async function sweepSuggestions(p: Platform, today = chinaToday()) {
  const due = await p.db
    .selectFrom('suggestion')
    .select('id')
    .where('state', '=', 'closed')
    .where('commitment_reopened', '=', false)
    .where('commitment_date', '<=', today)
    .execute();
  let reopened = 0;
  for (const s of due) {
    await inTransaction(p.db, (trx) =>
      fireInTx(trx, p, s.id, { action: 'commitmentDue' }, { kind: 'system', ctx: jobCtx }),
    );
    reopened++;
  }
  const soon = await p.db
    .selectFrom('suggestion as s')
    .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
    .select([
      's.id',
      's.number',
      'cs.prefix',
      's.title',
      sql<string>`to_char(CASE WHEN s.state = 'reHandling' THEN s.redo_due ELSE s.answer_due END, 'YYYY-MM-DD')`.as(
        'due',
      ),
      sql<
        number[]
      >`ARRAY(SELECT u.unit_id FROM suggestion_unit u WHERE u.suggestion_id = s.id AND u.state = 'assigned')`.as(
        'units',
      ),
    ])
    .where('s.state', 'in', ['assigned', 'reHandling'])
    .where('s.paused_since', 'is', null)
    .where(
      sql<boolean>`(CASE WHEN s.state = 'reHandling' THEN s.redo_due ELSE s.answer_due END) <= ${addDays(today, 14)}::date`,
    )
    .execute();
  // One reminder a week at most: the key carries the ISO week of today, Monday to Sunday (day 0,
  // 1970-01-01, was a Thursday: counted from the Monday before it).
  const week = Math.floor((dayNumber(today) + 3) / 7);
  let reminded = 0;
  for (const s of soon)
    await inTransaction(p.db, async (trx) => {
      for (const orgId of s.units) {
        await enqueue(trx, {
          type: 'suggestion.supervision',
          to: { orgId },
          vars: { number: displayNumber(s.prefix, s.number) ?? `#${s.id}`, title: s.title.slice(0, 30), due: s.due },
          dedupeKey: `sug-sweep:${s.id}:${orgId}:${week}`,
          scopeOrgId: orgId,
        });
        reminded++;
      }
    });
  // Co-units owe the lead unit their view within a month (co_view_due): reminded from 5 days before, weekly.
  const coViews = await p.db
    .selectFrom('suggestion_unit as u')
    .innerJoin('suggestion as s', 's.id', 'u.suggestion_id')
    .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
    .select([
      's.id',
      's.number',
      'cs.prefix',
      's.title',
      'u.unit_id',
      sql<string>`to_char(s.co_view_due, 'YYYY-MM-DD')`.as('due'),
    ])
    .where('u.role', '=', 'co')
    .where('u.state', '=', 'assigned')
    .where('u.co_view', 'is', null)
    .where('s.state', 'in', ['assigned', 'reHandling'])
    .where('s.co_view_due', '<=', addDays(today, 5))
    .execute();
  let coViewReminded = 0;
  for (const c of coViews)
    await inTransaction(p.db, async (trx) => {
      await enqueue(trx, {
        type: 'suggestion.coViewDue',
        to: { orgId: c.unit_id },
        vars: { number: displayNumber(c.prefix, c.number) ?? `#${c.id}`, title: c.title.slice(0, 30), due: c.due },
        dedupeKey: `sug-coview:${c.id}:${c.unit_id}:${week}`,
        scopeOrgId: c.unit_id,
      });
      coViewReminded++;
    });
  return { reopened, reminded, coViewReminded };
}

/** The suggestions sweep, hourly on one worker at a time. */
export function suggestionJobs(p: Platform): QueueDefinition[] {
  return [
    {
      name: 'suggestions.sweep',
      policy: 'stately',
      cron: '20 * * * *',
      retryLimit: 2,
      expireInSeconds: 900,
      handle: async () => {
        await sweepSuggestions(p);
      },
    },
  ];
}
