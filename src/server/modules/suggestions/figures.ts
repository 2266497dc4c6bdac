// The figures of suggestion handling per session, unit and deputy (面商率, 满意率 next to 解决率),
// each defined once here and in the note beside the figures screen.
import { sql, type SqlBool } from 'kysely';
import type { Rates, SuggestionFigures } from '../../../contracts/suggestions.js';
import { authorize, inScope, type Actor } from '../../platform/access/policy.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { deputyNames } from '../deputies/names.js';
import { orgsByIds } from '../org/tree.js';
import { displayNumber } from './load.js';

/**
 * Definitions. Counted: suggestions accepted (立案, numbered), not withdrawn, not merged into another.
 * - answered: answered in writing at least once; 按时答复率 = first answers on or before the due date / answered;
 * - 面商率 = answered after at least one consultation by the answering unit / answered;
 * - 满意: neither communication nor result rated 不满意; first-time (初次) and final (最终) 满意率 over those rated;
 * - A/B/C/D: the latest answer's class; 解决率 = A / answered;
 * - redo: re-handlings after a 不满意 rating; overdue: being handled, clock running, past the due date.
 * A unit's figures use its own answers (lead unit or separate unit; co-units answer through the lead).
 */
const ratio = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : null);

function rates(r: Record<string, number>): Rates {
  return {
    count: r.count!,
    answered: r.answered!,
    onTime: r.on_time!,
    onTimeRate: ratio(r.on_time!, r.answered!),
    consulted: r.consulted!,
    consultationRate: ratio(r.consulted!, r.answered!),
    firstRated: r.first_rated!,
    firstSatisfied: r.first_satisfied!,
    firstSatisfactionRate: ratio(r.first_satisfied!, r.first_rated!),
    finalRated: r.final_rated!,
    finalSatisfied: r.final_satisfied!,
    finalSatisfactionRate: ratio(r.final_satisfied!, r.final_rated!),
    classes: { A: r.a!, B: r.b!, C: r.c!, D: r.d! },
    resolutionRate: ratio(r.a!, r.answered!),
    redo: r.redo!,
    overdue: r.overdue!,
  };
}

/** The aggregate columns over rows `x` that carry: answered, on_time, consulted, rating pairs, class, redo, overdue. */
const aggregates = sql`
  count(*)::int AS count,
  count(*) FILTER (WHERE x.answered)::int AS answered,
  count(*) FILTER (WHERE x.answered AND x.on_time)::int AS on_time,
  count(*) FILTER (WHERE x.answered AND x.consulted)::int AS consulted,
  count(*) FILTER (WHERE x.first_result IS NOT NULL)::int AS first_rated,
  count(*) FILTER (WHERE x.first_result IS NOT NULL AND x.first_result <> 'dissatisfied' AND x.first_comm <> 'dissatisfied')::int AS first_satisfied,
  count(*) FILTER (WHERE x.final_result IS NOT NULL)::int AS final_rated,
  count(*) FILTER (WHERE x.final_result IS NOT NULL AND x.final_result <> 'dissatisfied' AND x.final_comm <> 'dissatisfied')::int AS final_satisfied,
  count(*) FILTER (WHERE x.answered AND x.class = 'A')::int AS a,
  count(*) FILTER (WHERE x.answered AND x.class = 'B')::int AS b,
  count(*) FILTER (WHERE x.answered AND x.class = 'C')::int AS c,
  count(*) FILTER (WHERE x.answered AND x.class = 'D')::int AS d,
  coalesce(sum(x.redo), 0)::int AS redo,
  count(*) FILTER (WHERE x.overdue)::int AS overdue`;

/** The figures in the actor's scope, for a session or a year (by the session's year). */
export async function suggestionFigures(
  p: Platform,
  actor: Actor,
  q: { sessionId?: number; year?: number },
): Promise<SuggestionFigures> {
  authorize(actor, 'suggestion.read');
  const today = chinaToday();
  const counted = sql<SqlBool>`s.number IS NOT NULL AND s.state NOT IN ('withdrawn', 'merged')
    AND ${inScope(actor, 'suggestion.read', sql.ref('s.org_path'))}
    AND ${q.sessionId ? sql`s.session_id = ${q.sessionId}` : sql`true`}
    AND ${q.year ? sql`cs.year = ${q.year}` : sql`true`}`;
  /** The counted suggestions with their session, as every statement below reads them. */
  const countedSuggestions = sql`suggestion s JOIN congress_session cs ON cs.id = s.session_id WHERE ${counted}`;
  const overdue = sql`(s.state IN ('assigned', 'reHandling') AND s.paused_since IS NULL
    AND (CASE WHEN s.state = 'reHandling' THEN s.redo_due ELSE s.answer_due END) < ${today}::date)`;
  const perSuggestion = sql`
    SELECT s.id, s.lead_deputy_id, s.first_answered_at IS NOT NULL AS answered,
      coalesce(s.answered_on_time, false) AS on_time, coalesce(s.consulted_before, false) AS consulted,
      s.first_rating_result AS first_result, s.first_rating_communication AS first_comm,
      s.rating_result AS final_result, s.rating_communication AS final_comm,
      s.answer_class AS class, s.redo_count AS redo, ${overdue} AS overdue
    FROM ${countedSuggestions}`;
  // Per unit that answers (lead or separate): its latest assignment's state, its first answer
  // (answered? on time? consulted?) and its latest answer's class. Set-wise (one pass over the
  // assignments and one over the answers of the counted suggestions), not three lookups per
  // suggestion: 100,000 suggestions in a session took seconds that way.
  const perUnit = sql`
    WITH c AS (SELECT s.id FROM ${countedSuggestions}),
    u AS (SELECT DISTINCT ON (su.suggestion_id, su.unit_id) su.suggestion_id, su.unit_id, su.state
      FROM suggestion_unit su JOIN c ON c.id = su.suggestion_id
      WHERE su.role IN ('lead', 'separate') AND su.state IN ('assigned', 'answered')
      ORDER BY su.suggestion_id, su.unit_id, su.id DESC),
    a AS (SELECT a.suggestion_id, a.unit_id,
        (array_agg(a.on_time ORDER BY a.id))[1] AS on_time,
        (array_agg(a.consulted ORDER BY a.id))[1] AS consulted,
        (array_agg(a.answer_class ORDER BY a.id DESC))[1] AS answer_class
      FROM suggestion_answer a JOIN c ON c.id = a.suggestion_id GROUP BY a.suggestion_id, a.unit_id)
    SELECT u.unit_id, s.id, a.suggestion_id IS NOT NULL AS answered, coalesce(a.on_time, false) AS on_time,
      coalesce(a.consulted, false) AS consulted,
      s.first_rating_result AS first_result, s.first_rating_communication AS first_comm,
      s.rating_result AS final_result, s.rating_communication AS final_comm,
      a.answer_class AS class, s.redo_count AS redo, (${overdue} AND u.state = 'assigned') AS overdue
    FROM u JOIN suggestion s ON s.id = u.suggestion_id
    LEFT JOIN a ON a.suggestion_id = u.suggestion_id AND a.unit_id = u.unit_id`;
  // The totals and each lead deputy's figures in one pass (grouping sets: the row of all, then one per deputy).
  const [bySets, units, overdueRows] = await Promise.all([
    sql<Record<string, number> & { lead_deputy_id: number; of_all: number }>`
      SELECT x.lead_deputy_id, GROUPING(x.lead_deputy_id) AS of_all, ${aggregates}
      FROM (${perSuggestion}) x GROUP BY GROUPING SETS ((), (x.lead_deputy_id))`.execute(p.db),
    sql<
      Record<string, number> & { unit_id: number }
    >`SELECT x.unit_id, ${aggregates} FROM (${perUnit}) x GROUP BY x.unit_id`.execute(p.db),
    sql<{ id: number; number: number | null; prefix: string; title: string; due: string; unit_ids: number[] }>`
      SELECT s.id, s.number, cs.prefix, s.title,
        to_char(CASE WHEN s.state = 'reHandling' THEN s.redo_due ELSE s.answer_due END, 'YYYY-MM-DD') AS due,
        ARRAY(SELECT su.unit_id FROM suggestion_unit su WHERE su.suggestion_id = s.id AND su.state = 'assigned' ORDER BY su.id) AS unit_ids
      FROM ${countedSuggestions} AND ${overdue} ORDER BY due, s.id LIMIT 500`.execute(p.db),
  ]);
  const total = bySets.rows.find((r) => r.of_all === 1)!;
  const deputies = bySets.rows.filter((r) => r.of_all === 0);
  const orgs = new Map(
    (await orgsByIds(p.db, [...units.rows.map((u) => u.unit_id), ...overdueRows.rows.flatMap((r) => r.unit_ids)])).map(
      (o) => [o.id, o.name],
    ),
  );
  const names = new Map(
    (
      await deputyNames(
        p.db,
        deputies.map((d) => d.lead_deputy_id),
      )
    ).map((d) => [d.id, d.name]),
  );
  // Units ranked: on time first, then final satisfaction, then the solved share (null rates last).
  const key = (r: Rates) => [r.onTimeRate ?? -1, r.finalSatisfactionRate ?? -1, r.resolutionRate ?? -1];
  const ranked = units.rows
    .map((u) => ({ ...rates(u), unitId: u.unit_id, name: orgs.get(u.unit_id) ?? '' }))
    .sort((a, b) => {
      const [ka, kb] = [key(a), key(b)];
      for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
      return a.name.localeCompare(b.name, 'zh-CN');
    })
    .map((u, i) => ({ ...u, rank: i + 1 }));
  return {
    total: rates(total),
    units: ranked,
    deputies: deputies
      .map((d) => ({ ...rates(d), deputyId: d.lead_deputy_id, name: names.get(d.lead_deputy_id) ?? '' }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN')),
    overdueList: overdueRows.rows.map((r) => ({
      id: r.id,
      number: displayNumber(r.prefix, r.number),
      title: r.title,
      unitNames: r.unit_ids.map((u) => orgs.get(u) ?? '').join('、'),
      due: r.due,
    })),
  };
}
