import { sql } from 'kysely';
import { defaultSuggestionRules, SuggestionRules } from '../../../contracts/suggestions.js';
import type { Db, Tx } from '../../db/database.js';
import { addDays, daysBetween, daysInMonth } from '../../platform/calendar/dates.js';

/**
 * The clocks of a suggestion (calendar time from assignment, DESIGN.md "Deadlines"): the answer
 * due date with its extension and pauses, the redo, the rating window. Pure functions of the
 * stored dates, so that every date shown can say how it was computed.
 */

/** `day` plus `n` calendar months; the 31st becomes the month's last day when the month is shorter. */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const date = Math.min(d, daysInMonth(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** The stored dates a clock is computed from. */
export interface ClockRow {
  state: string;
  assigned_on: string | null;
  extension_months: number;
  paused_since: string | null;
  paused_days: number;
  redo_due: string | null;
  return_by: string | null;
  co_view_due: string | null;
  rate_by: string | null;
  commitment_date: string | null;
}

/** The answer due date: assignment + the rule's months + approved extension (never past the maximum) + days paused. */
export function answerDue(
  row: Pick<ClockRow, 'assigned_on' | 'extension_months' | 'paused_days'>,
  rules: SuggestionRules,
) {
  if (!row.assigned_on) return null;
  const months = Math.min(rules.answerMonths + row.extension_months, rules.maxMonths);
  return addDays(addMonths(row.assigned_on, months), row.paused_days);
}

/** The date the current handling must be answered by: the redo's while handled again, else the answer's. */
export function currentDue(row: ClockRow, rules: SuggestionRules): string | null {
  return row.state === 'reHandling' ? row.redo_due : answerDue(row, rules);
}

/** Overdue: being handled, the clock running, and today after the due date. */
export function isOverdue(row: ClockRow, rules: SuggestionRules, today: string): boolean {
  if (row.state !== 'assigned' && row.state !== 'reHandling') return false;
  if (row.paused_since) return false;
  const due = currentDue(row, rules);
  return !!due && today > due;
}

/** The clock as the page shows it, with how the due date was computed, in both languages. */
export function describeClock(
  row: ClockRow,
  rules: SuggestionRules,
  today: string,
  progress: { longer: boolean; reported: boolean } = { longer: false, reported: false },
) {
  const due = currentDue(row, rules);
  const months = Math.min(rules.answerMonths + row.extension_months, rules.maxMonths);
  const pausedNow = row.paused_since ? Math.max(0, daysBetween(row.paused_since, today)) : 0;
  const zh: string[] = [];
  const en: string[] = [];
  if (row.assigned_on) {
    zh.push(`${row.assigned_on} 交办，答复期限 ${rules.answerMonths} 个月`);
    en.push(`assigned ${row.assigned_on}, ${rules.answerMonths} months to answer`);
    if (row.extension_months) {
      zh.push(`批准延期 ${months - rules.answerMonths} 个月（最长 ${rules.maxMonths} 个月）`);
      en.push(`extended by ${months - rules.answerMonths} months (at most ${rules.maxMonths})`);
    }
    if (row.paused_days) {
      zh.push(`暂停计时 ${row.paused_days} 天已顺延`);
      en.push(`${row.paused_days} paused days added`);
    }
    if (row.state === 'reHandling' && row.redo_due) {
      zh.push(`重新办理须于 ${rules.redoMonths} 个月内答复，至 ${row.redo_due}`);
      en.push(`handled again: answer within ${rules.redoMonths} month(s), by ${row.redo_due}`);
    } else if (due) {
      zh.push(`应于 ${due} 前书面答复`);
      en.push(`answer due ${due}`);
    }
    if (row.paused_since) {
      zh.push(`自 ${row.paused_since} 起暂停计时（已 ${pausedNow} 天）`);
      en.push(`paused since ${row.paused_since} (${pausedNow} days)`);
    }
  }
  // Taking longer than the answer time: the unit reports progress to the deputy before it runs out.
  const progressDue = progress.longer && row.assigned_on ? addMonths(row.assigned_on, rules.answerMonths) : null;
  const progressMissing = !!progressDue && !progress.reported && row.state === 'assigned';
  if (progressDue) {
    zh.push(progress.reported ? '已报送阶段性办理进展' : `须于 ${progressDue} 前向代表报送阶段性办理进展`);
    en.push(progress.reported ? 'interim progress reported' : `interim progress due to the deputy by ${progressDue}`);
  }
  return {
    progressDue,
    progressMissing,
    assignedOn: row.assigned_on,
    answerDue: due,
    extensionMonths: row.extension_months,
    pausedDays: row.paused_days,
    pausedSince: row.paused_since,
    returnBy: row.return_by,
    coViewDue: row.co_view_due,
    redoDue: row.redo_due,
    rateBy: row.rate_by,
    commitmentDate: row.commitment_date,
    overdue: isOverdue(row, rules, today),
    explanation: { zh: zh.join('；'), en: en.join('; ') },
  };
}

/** The rules of the committee whose subtree holds `orgPath` (the nearest one that set them), else the defaults. */
export async function rulesFor(db: Db | Tx, orgPath: string): Promise<SuggestionRules> {
  const row = await (db as Db)
    .selectFrom('suggestion_rules as r')
    .innerJoin('organization as o', 'o.id', 'r.org_id')
    .select('r.rules')
    .where(sql<boolean>`${orgPath}::ltree <@ o.path`)
    .orderBy(sql`nlevel(o.path)`, 'desc')
    .limit(1)
    .executeTakeFirst();
  const parsed = SuggestionRules.safeParse({ ...defaultSuggestionRules, ...((row?.rules as object) ?? {}) });
  return parsed.success ? parsed.data : defaultSuggestionRules;
}
