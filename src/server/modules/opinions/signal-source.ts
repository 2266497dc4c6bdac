// The handling facts the statistics module's warnings look at (signals, not verdicts), as SQL the
// opinions module owns: returns bouncing between units, answers implausibly fast, the same answer
// given to many opinions, and a dissatisfied rating followed by an unchanged answer.
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

interface Window {
  scopePath: string;
  from: string;
  to: string;
}

const inWindow = (w: Window) => sql`o.org_path <@ ${w.scopePath}::ltree
  AND o.created_at >= ${w.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai'
  AND o.created_at < (${w.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;

/** Opinions returned at least `minReturns` times or led by at least `minUnits` units, with the units in order. */
export async function bouncingOpinions(db: Db, w: Window, minReturns = 2, minUnits = 3) {
  const r = await sql<{ id: string; returns: number; units: string[] }>`
    SELECT o.id, o.return_count AS returns,
      ARRAY(SELECT u.name FROM opinion_assignment a JOIN organization u ON u.id = a.unit_id
            WHERE a.opinion_id = o.id AND a.is_lead ORDER BY a.id) AS units
    FROM opinion o
    WHERE ${inWindow(w)}
      AND (o.return_count >= ${minReturns}
        OR (SELECT count(DISTINCT a.unit_id) FROM opinion_assignment a WHERE a.opinion_id = o.id AND a.is_lead) >= ${minUnits})
    ORDER BY o.id DESC LIMIT 200`.execute(db);
  return r.rows.map((x) => ({ id: Number(x.id), returns: x.returns, units: x.units }));
}

/** Lead assignments answered "solved" within `minutes` of being assigned. */
export async function fastAnswers(db: Db, w: Window, minutes = 120) {
  const r = await sql<{ id: string; unit: string; minutes: number }>`
    SELECT o.id, u.name AS unit, floor(extract(epoch FROM a.responded_at - a.assigned_at) / 60)::int AS minutes
    FROM opinion o
    JOIN opinion_assignment a ON a.opinion_id = o.id AND a.is_lead AND a.state = 'responded'
    JOIN organization u ON u.id = a.unit_id
    WHERE ${inWindow(w)} AND a.result_type = 'solved'
      AND a.responded_at - a.assigned_at < make_interval(mins => ${minutes})
    ORDER BY o.id DESC LIMIT 200`.execute(db);
  return r.rows.map((x) => ({ id: Number(x.id), unit: x.unit, minutes: x.minutes }));
}

/** Answers a unit gave, word for word (spaces and punctuation aside), to at least `min` different opinions. */
export async function repeatedAnswers(db: Db, w: Window, min = 3) {
  const r = await sql<{ unit: string; answer: string; ids: string[] }>`
    SELECT u.name AS unit, min(a.response) AS answer, array_agg(DISTINCT o.id ORDER BY o.id) AS ids
    FROM opinion o
    JOIN opinion_assignment a ON a.opinion_id = o.id AND a.state = 'responded' AND a.response IS NOT NULL
    JOIN organization u ON u.id = a.unit_id
    WHERE ${inWindow(w)}
    GROUP BY u.id, u.name, regexp_replace(a.response, '[[:space:][:punct:]，。；：！？、“”（）]', '', 'g')
    HAVING count(DISTINCT o.id) >= ${min}
    ORDER BY count(DISTINCT o.id) DESC LIMIT 100`.execute(db);
  return r.rows.map((x) => ({ unit: x.unit, answer: x.answer, ids: x.ids.map(Number) }));
}

/**
 * Opinions reassigned after a dissatisfied rating whose next answer repeats the previous one, or
 * came within `minutes` of the reassignment.
 */
export async function unchangedAfterDissatisfied(db: Db, w: Window, minutes = 60) {
  const r = await sql<{ id: string; unit: string; same: boolean; minutes: number }>`
    SELECT o.id, u.name AS unit,
      regexp_replace(cur.response, '[[:space:][:punct:]，。；：！？、“”（）]', '', 'g')
        = regexp_replace(prev.response, '[[:space:][:punct:]，。；：！？、“”（）]', '', 'g') AS same,
      floor(extract(epoch FROM cur.responded_at - cur.assigned_at) / 60)::int AS minutes
    FROM opinion o
    JOIN LATERAL (SELECT * FROM opinion_assignment a WHERE a.opinion_id = o.id AND a.is_lead AND a.state = 'responded'
                  ORDER BY a.round DESC LIMIT 1) cur ON true
    JOIN LATERAL (SELECT * FROM opinion_assignment a WHERE a.opinion_id = o.id AND a.is_lead AND a.state = 'responded'
                  AND a.round < cur.round ORDER BY a.round DESC LIMIT 1) prev ON true
    JOIN organization u ON u.id = cur.unit_id
    WHERE ${inWindow(w)} AND o.reopen_count > 0
      AND (regexp_replace(cur.response, '[[:space:][:punct:]，。；：！？、“”（）]', '', 'g')
             = regexp_replace(prev.response, '[[:space:][:punct:]，。；：！？、“”（）]', '', 'g')
           OR cur.responded_at - cur.assigned_at < make_interval(mins => ${minutes}))
    ORDER BY o.id DESC LIMIT 200`.execute(db);
  return r.rows.map((x) => ({ id: Number(x.id), unit: x.unit, same: x.same, minutes: x.minutes }));
}
