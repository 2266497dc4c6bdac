// What the statistics module reads of the closed loop, as SQL the opinions module owns: the facts
// of each opinion and of each lead assignment (the rows the rollups sum), which opinions changed
// since an event id, and the short summaries a drill-down list shows. Statistics never names
// these tables itself (one owner per table).
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/database.js';

/** Handling-time histogram thresholds in minutes: bucket k holds times ≥ bounds[k-1] and < bounds[k]. */
export type Thresholds = readonly number[];

const day = (col: string) => sql.raw(`(${col} AT TIME ZONE 'Asia/Shanghai')::date`);

function which(ids: readonly number[] | null, col: string): RawBuilder<unknown> {
  return ids ? sql`${sql.ref(col)} = ANY(${sql.val(ids)}::bigint[])` : sql`true`;
}

/**
 * One row per opinion (all, or those of `ids`), with the 0/1 or summed measures every rate of
 * the statistics is made of. Everything follows from the opinion's row, its lead assignments and
 * its events, so a recomputation after any event gives the same row.
 */
export function opinionFactsSql(ids: readonly number[] | null, bounds: Thresholds): RawBuilder<unknown> {
  return sql`
    SELECT o.id AS opinion_id,
      ${day('o.created_at')} AS day,
      o.org_id,
      coalesce(o.category_id, 0) AS category_id,
      o.channel,
      o.state,
      coalesce((SELECT array_agg(od.deputy_id ORDER BY od.deputy_id) FROM opinion_deputy od
                WHERE od.opinion_id = o.id), '{}')::bigint[] AS deputy_ids,
      1 AS received,
      (la.n > 0)::int AS assigned,
      la.response_due::int AS response_due,
      la.accepted_in_time::int AS accepted_in_time,
      (la.responded + (o.overdue AND o.state IN ('assigned', 'inProgress'))::int)::int AS due,
      la.on_time::int AS on_time,
      (o.overdue AND o.state IN ('assigned', 'inProgress'))::int AS overdue_open,
      (NOT o.overdue AND o.state IN ('assigned', 'inProgress') AND coalesce(la.due_soon, false))::int AS due_soon,
      fb.due::int AS feedback_due,
      (fb.due AND ev.fed_back)::int AS fed_back,
      (o.rating IS NOT NULL)::int AS rated,
      (o.rating IN ('verySatisfied', 'satisfied', 'basicallySatisfied') IS TRUE)::int AS rated_positive,
      (o.rating = 'verySatisfied' IS TRUE)::int AS rated_very_satisfied,
      (o.rating = 'satisfied' IS TRUE)::int AS rated_satisfied,
      (o.rating = 'basicallySatisfied' IS TRUE)::int AS rated_basically,
      (o.rating = 'dissatisfied' IS TRUE)::int AS rated_dissatisfied,
      (o.rating = 'veryDissatisfied' IS TRUE)::int AS rated_very_dissatisfied,
      (o.state = 'closed' AND o.outcome = 'unrated' IS TRUE)::int AS unrated_closed,
      (lr.result_type IS NOT NULL)::int AS result_due,
      (lr.result_type = 'solved' IS TRUE)::int AS solved,
      ev.answered::int AS answered_on_spot,
      (o.state = 'closed')::int AS closed,
      (lr.responded_at IS NOT NULL)::int AS handled,
      coalesce(floor(extract(epoch FROM lr.responded_at - la.first_signed) / 60), 0)::bigint AS handling_minutes,
      o.return_count AS returns,
      o.extension_count AS extensions,
      CASE WHEN lr.responded_at IS NULL THEN NULL
        ELSE width_bucket(extract(epoch FROM lr.responded_at - la.first_signed) / 60, ${sql.val(bounds)}::float8[])
      END AS bucket
    FROM opinion o
    CROSS JOIN LATERAL (
      SELECT count(*) AS n,
        count(*) FILTER (WHERE a.accepted_at IS NOT NULL OR a.state = 'returned'
                           OR 'notAccepted' = ANY(a.reminders_sent)) AS response_due,
        count(*) FILTER (WHERE a.accepted_at IS NOT NULL AND ${day('a.accepted_at')} <= a.accept_by) AS accepted_in_time,
        count(*) FILTER (WHERE a.state = 'responded') AS responded,
        count(*) FILTER (WHERE a.state = 'responded' AND ${day('a.responded_at')} <= a.deadline) AS on_time,
        bool_or(a.state IN ('assigned', 'accepted') AND 'dueSoon' = ANY(a.reminders_sent)) AS due_soon,
        min(a.signed_at) AS first_signed
      FROM opinion_assignment a WHERE a.opinion_id = o.id AND a.is_lead) la
    LEFT JOIN LATERAL (
      SELECT a.result_type, a.responded_at FROM opinion_assignment a
      WHERE a.opinion_id = o.id AND a.is_lead AND a.state = 'responded'
      ORDER BY a.round DESC, a.id DESC LIMIT 1) lr ON true
    CROSS JOIN LATERAL (
      SELECT coalesce(bool_or(e.action = 'feedback'), false) AS fed_back,
        coalesce(bool_or(e.action = 'answer'), false) AS answered
      FROM opinion_event e WHERE e.opinion_id = o.id AND e.action IN ('feedback', 'answer')) ev
    CROSS JOIN LATERAL (
      SELECT o.contactable AND o.state IN ('answered', 'responded', 'escalated', 'fedBack', 'rated', 'closed') AS due) fb
    WHERE ${which(ids, 'o.id')}`;
}

/**
 * One row per lead assignment (of all opinions, or of those in `ids`): a handling unit's own
 * timeliness. The day is the opinion's day of receipt, like every other figure.
 */
export function assignmentFactsSql(ids: readonly number[] | null, bounds: Thresholds): RawBuilder<unknown> {
  return sql`
    SELECT a.id AS assignment_id, a.opinion_id,
      ${day('o.created_at')} AS day,
      a.unit_id,
      coalesce(o.category_id, 0) AS category_id,
      1 AS assignments,
      (a.accepted_at IS NOT NULL OR a.state = 'returned' OR 'notAccepted' = ANY(a.reminders_sent))::int AS response_due,
      ((a.accepted_at IS NOT NULL AND ${day('a.accepted_at')} <= a.accept_by) IS TRUE)::int AS accepted_in_time,
      (a.state = 'responded' OR (a.state IN ('assigned', 'accepted') AND o.overdue
        AND o.state IN ('assigned', 'inProgress')))::int AS due,
      ((a.state = 'responded' AND ${day('a.responded_at')} <= a.deadline) IS TRUE)::int AS on_time,
      (a.state IN ('assigned', 'accepted') AND o.overdue AND o.state IN ('assigned', 'inProgress'))::int AS overdue_open,
      (a.state IN ('assigned', 'accepted') AND NOT o.overdue AND o.state IN ('assigned', 'inProgress')
        AND 'dueSoon' = ANY(a.reminders_sent))::int AS due_soon,
      (a.state = 'responded')::int AS result_due,
      (a.state = 'responded' AND a.result_type = 'solved' IS TRUE)::int AS solved,
      (a.state = 'responded')::int AS handled,
      CASE WHEN a.state = 'responded' THEN floor(extract(epoch FROM a.responded_at - a.signed_at) / 60) ELSE 0 END::bigint
        AS handling_minutes,
      (a.state = 'returned')::int AS returns,
      (a.extension_state = 'approved' IS TRUE)::int AS extensions,
      CASE WHEN a.state = 'responded'
        THEN width_bucket(extract(epoch FROM a.responded_at - a.signed_at) / 60, ${sql.val(bounds)}::float8[]) END AS bucket
    FROM opinion_assignment a
    JOIN opinion o ON o.id = a.opinion_id
    WHERE a.is_lead AND ${which(ids, 'a.opinion_id')}`;
}

/**
 * The opinions that have events after `afterId` (up to `limit` events), and the last event id read.
 * Registration writes an event too, so a new opinion is found the same way.
 */
export async function opinionsChangedSince(db: Db, afterId: number, limit: number) {
  const rows = await sql<{ opinion_id: number; id: number }>`
    SELECT opinion_id, id FROM opinion_event WHERE id > ${afterId} ORDER BY id LIMIT ${limit}`.execute(db);
  const ids = [...new Set(rows.rows.map((r) => Number(r.opinion_id)))];
  const lastId = rows.rows.length ? Number(rows.rows[rows.rows.length - 1]!.id) : afterId;
  return { ids, lastId, full: rows.rows.length === limit };
}

/** The newest event id (0 when there is none). */
export async function lastOpinionEventId(db: Db): Promise<number> {
  const r = await sql<{ id: string | null }>`SELECT max(id) AS id FROM opinion_event`.execute(db);
  return Number(r.rows[0]?.id ?? 0);
}

export interface OpinionSummary {
  id: number;
  receiptCode: string;
  state: string;
  content: string;
  createdAt: string;
  orgId: number;
}

/** Short summaries (first 60 characters, no personal data) of the given opinions, newest first. */
export async function opinionSummaries(db: Db, ids: readonly number[]): Promise<OpinionSummary[]> {
  if (!ids.length) return [];
  const r = await sql<{
    id: string;
    receipt_code: string;
    state: string;
    content: string;
    created_at: Date;
    org_id: string;
  }>`
    SELECT id, receipt_code, state, left(content, 60) AS content, created_at, org_id FROM opinion
    WHERE id = ANY(${sql.val(ids)}::bigint[]) ORDER BY id DESC`.execute(db);
  return r.rows.map((x) => ({
    id: Number(x.id),
    receiptCode: x.receipt_code,
    state: x.state,
    content: x.content,
    createdAt: x.created_at.toISOString(),
    orgId: Number(x.org_id),
  }));
}

export interface OpinionText {
  id: number;
  content: string;
  orgId: number;
  day: string;
}

/**
 * The texts of the opinions registered in a subtree between two days (for hot topics), newest
 * first, at most `limit`; merged and rejected ones left out (a merged one repeats its target).
 */
export async function opinionTexts(
  db: Db,
  scopePath: string,
  from: string,
  to: string,
  limit: number,
): Promise<OpinionText[]> {
  const r = await sql<{ id: string; content: string; org_id: string; day: string }>`
    SELECT id, content, org_id, to_char(${day('created_at')}, 'YYYY-MM-DD') AS day FROM opinion
    WHERE org_path <@ ${scopePath}::ltree AND state NOT IN ('merged', 'rejected')
      AND created_at >= ${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND created_at < (${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'
    ORDER BY id DESC LIMIT ${limit}`.execute(db);
  return r.rows.map((x) => ({ id: Number(x.id), content: x.content, orgId: Number(x.org_id), day: x.day }));
}
