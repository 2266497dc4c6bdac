import { sql } from 'kysely';
import type { z } from 'zod';
import {
  activityFlagLabels,
  activityKindLabels,
  activityKinds,
  activityStateLabels,
  type DutyRecord,
  type RecordQuery,
  scoreItemLabel,
} from '../../../contracts/duty.js';
import type { Actor } from '../../platform/access/policy.js';
import { chinaToday, yearOf } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import type { Table } from '../../platform/files/table-file.js';
import { activityViews, ownDeputyId, relationTo } from './load.js';
import { COUNTING, scoresOf } from './points.js';
import { figures } from './reception-ratings.js';

/** The period a query asks for: one year (default this year) or a term of at most ten years. */
export function periodOf(q: z.infer<typeof RecordQuery>) {
  const thisYear = yearOf(chinaToday());
  const fromYear = q.fromYear ?? q.year ?? thisYear;
  const toYear = q.toYear ?? q.year ?? fromYear;
  if (toYear < fromYear || toYear - fromYear > 9)
    throw invalid({ path: 'query.toYear', zh: '届期应为 1 到 10 年', en: 'A term spans 1 to 10 years' });
  return { fromYear, toYear };
}

/**
 * A deputy's duty record for a year or a term (a read: what the system knows is pulled in by the
 * hourly job, by POST /sync and by the writes that need it, never here): the activities, the counts by kind, each year's score under its own rules,
 * the committee's decisions and the report-backs. The deputy sees their own; staff in scope all.
 */
export async function dutyRecord(p: Platform, actor: Actor, q: z.infer<typeof RecordQuery>): Promise<DutyRecord> {
  const deputyId = q.deputyId ?? (await ownDeputyId(p.db, actor));
  if (deputyId === null) throw new AppError('DUTY_NOT_A_DEPUTY');
  const rel = await relationTo(p.db, actor, deputyId, 'duty.check');
  const { fromYear, toYear } = periodOf(q);
  const from = `${fromYear}-01-01`;
  const to = `${toYear}-12-31`;
  const activities = await activityViews(
    p.db,
    sql<boolean>`a.deputy_id = ${deputyId} AND a.day BETWEEN ${from}::date AND ${to}::date`,
  );
  const counting = activities.filter((a) => (COUNTING as readonly string[]).includes(a.state));
  const counts = activityKinds
    .map((kind) => {
      const of = counting.filter((a) => a.kind === kind);
      return { kind, count: of.length, hours: of.reduce((s, a) => s + (a.hours ?? 0), 0) };
    })
    .filter((c) => c.count > 0);
  const [scores, decisions, reports] = await Promise.all([
    scoresOf(p.db, deputyId, rel.deputy.org_path, fromYear, toYear),
    p.db
      .selectFrom('duty_decision')
      .select(['id', 'year', 'kind', 'note', 'decided_at'])
      .where('deputy_id', '=', deputyId)
      .where('year', '>=', fromYear)
      .where('year', '<=', toYear)
      .orderBy('id')
      .execute(),
    p.db
      .selectFrom('duty_report')
      .select(['id', 'title', 'state', 'result'])
      .where('deputy_id', '=', deputyId)
      .where('year', '>=', fromYear)
      .where('year', '<=', toYear)
      .orderBy('year')
      .execute(),
  ]);
  return {
    deputy: { id: deputyId, name: rel.deputy.name, orgName: rel.deputy.org_name },
    period: { fromYear, toYear },
    counts,
    activities,
    scores,
    decisions: decisions.map((d) => ({ ...d, decidedAt: d.decided_at.toISOString() })),
    reports: reports.map((r) => ({ id: r.id, title: r.title, state: r.state, result: r.result })),
    receptionRatings: receptionRatingsOf(counting),
    canDispute: rel.own,
    canResolve: rel.may && !rel.own,
  };
}

/** The visitors' ratings of the receptions among `activities` (those rated), summed (接待满意度 in the record). */
export function receptionRatingsOf(activities: readonly DutyRecord['activities'][number][]) {
  const rated = activities.filter((a) => a.rating !== null);
  const sum = (k: 'satisfied' | 'basicallySatisfied' | 'dissatisfied') => rated.reduce((s, a) => s + a.rating![k], 0);
  return {
    receptions: rated.length,
    ...figures({
      satisfied: sum('satisfied'),
      basicallySatisfied: sum('basicallySatisfied'),
      dissatisfied: sum('dissatisfied'),
    }),
  };
}

/** The record as a spreadsheet: a title row (deputy, period), the activities, then the score lines. */
export function recordTable(r: DutyRecord): Table {
  const period =
    r.period.fromYear === r.period.toYear ? `${r.period.fromYear}年` : `${r.period.fromYear}—${r.period.toYear}年`;
  const rows: Table = [
    [`${r.deputy.name}代表履职档案（${period}）`, r.deputy.orgName, '', '', '', '', ''],
    ['日期', '类别', '活动', '学时', '标记', '来源', '状态'],
  ];
  for (const a of r.activities)
    rows.push([
      a.day,
      activityKindLabels[a.kind].zh,
      a.title,
      a.hours === null ? '' : String(a.hours),
      a.flags.map((f) => activityFlagLabels[f].zh).join('、'),
      a.origin === 'system' ? '系统记录' : '手工登记',
      activityStateLabels[a.state].zh,
    ]);
  for (const s of r.scores) {
    rows.push([`${s.year}年履职积分`, '', '', '', '', '合计', String(s.total)]);
    for (const l of s.lines)
      rows.push([
        '',
        scoreItemLabel(l.item, 'zh'),
        `${l.count} × ${l.points}`,
        '',
        l.note ? `封顶 ${l.note.slice(4)}` : '',
        '小计',
        String(l.subtotal),
      ]);
    if (s.band) rows.push(['', '等次', s.band, '', '', '', '']);
  }
  return rows;
}
