// What the duty record (modules/duty) reads of suggestions for a deputy's digest (知情知政 × 代表建议)
// and for the year's 建议办理先进单位 pre-rank. Read-only; the definitions of answered, on time and
// overdue are those of `rollup-source.ts` (statistics), so the figures agree with the statistics.
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import { displayNumber } from './load.js';
import { suggestionUnitFacts } from './rollup-source.js';

/** States of a suggestion still open for its deputies: submitted and not yet closed (nor withdrawn, merged, refused). */
export const openSuggestionStates = ['submitted', 'accepted', 'assigned', 'answered', 'reHandling'] as const;

export interface OpenSuggestion {
  id: number;
  number: string | null;
  title: string;
  text: string;
  category: string | null;
  state: string;
  role: 'lead' | 'coSigner';
  units: { id: number; name: string }[];
}

/** A deputy's open suggestions, led or co-signed (confirmed), with their current handling units (lead, separate, co). */
export async function openSuggestionsOfDeputy(db: Db | Tx, deputyId: number): Promise<OpenSuggestion[]> {
  return (await openSuggestionsOfDeputies(db, [deputyId])).get(deputyId) ?? [];
}

/** `openSuggestionsOfDeputy` for many deputies in one query (a document pushed to a whole district). */
export async function openSuggestionsOfDeputies(
  db: Db | Tx,
  deputyIds: readonly number[],
): Promise<Map<number, OpenSuggestion[]>> {
  const out = new Map<number, OpenSuggestion[]>();
  if (!deputyIds.length) return out;
  const ids = [...new Set(deputyIds)];
  const rows = await db
    .with('mine', (qc) =>
      qc
        .selectFrom('suggestion')
        .select(['lead_deputy_id as deputy_id', 'id as suggestion_id', sql<boolean>`true`.as('lead')])
        .where('lead_deputy_id', '=', sql<number>`ANY(${ids}::int[])`)
        .union(
          qc
            .selectFrom('suggestion_signer')
            .select(['deputy_id', 'suggestion_id', sql<boolean>`false`.as('lead')])
            .where('deputy_id', '=', sql<number>`ANY(${ids}::int[])`)
            .where('state', '=', 'confirmed'),
        ),
    )
    .selectFrom('mine as m')
    .innerJoin('suggestion as s', 's.id', 'm.suggestion_id')
    .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
    .select([
      'm.deputy_id',
      'm.lead',
      's.id',
      's.number',
      'cs.prefix',
      's.title',
      's.content',
      's.category',
      's.state',
      sql<
        { id: number; name: string }[]
      >`coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name) ORDER BY o.id)
        FROM (SELECT DISTINCT u.unit_id FROM suggestion_unit u
              WHERE u.suggestion_id = s.id AND u.state IN ('assigned', 'answered')) uu
        JOIN organization o ON o.id = uu.unit_id), '[]'::json)`.as('units'),
    ])
    .where('s.state', 'in', [...openSuggestionStates])
    // A lead who also appears as a signer: the lead row first, the other dropped below.
    .orderBy('m.deputy_id')
    .orderBy('s.id')
    .orderBy('m.lead', 'desc')
    .execute();
  for (const r of rows) {
    const deputyId = Number(r.deputy_id);
    const list = out.get(deputyId) ?? [];
    if (list.at(-1)?.id === Number(r.id)) continue;
    list.push({
      id: Number(r.id),
      number: displayNumber(r.prefix, r.number),
      title: r.title,
      text: `${r.title} ${r.content}`,
      category: r.category,
      state: r.state,
      role: r.lead ? 'lead' : 'coSigner',
      units: r.units.map((u) => ({ id: Number(u.id), name: u.name })),
    });
    out.set(deputyId, list);
  }
  return out;
}

export interface UnitHandlingRecord {
  unitId: number;
  unitName: string;
  /** Suggestions the unit answered (lead or separate answer), of those submitted in the year. */
  answered: number;
  onTime: number;
  /** Not answered and past the answer date. */
  overdue: number;
  /** Of the answered, those the deputies rated (the final rating), by level. */
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /** Of the answered, the unit's last answer is class A (solved or adopted). */
  classA: number;
}

/**
 * Each handling unit's record on the suggestions submitted in `year` (China days) whose committee
 * lies in `scope(org_path)`: answered, on time, overdue, the deputies' final rating of the answered
 * ones (满意/基本满意/不满意) and class-A answers. Units that answered nothing and have none overdue are left out.
 */
export async function unitHandlingRecords(
  db: Db | Tx,
  year: number,
  today: string,
  scope: (orgPath: Expression<string>) => RawBuilder<SqlBool>,
): Promise<UnitHandlingRecord[]> {
  const rows = await sql<{
    unit_id: string;
    unit_name: string;
    answered: number;
    on_time: number;
    overdue: number;
    satisfied: number;
    basically: number;
    dissatisfied: number;
    class_a: number;
  }>`
    SELECT f.unit_id, o.name AS unit_name,
      sum(f.answered)::int AS answered, sum(f.on_time)::int AS on_time, sum(f.overdue)::int AS overdue,
      count(*) FILTER (WHERE f.answered = 1 AND s.rating_result = 'satisfied')::int AS satisfied,
      count(*) FILTER (WHERE f.answered = 1 AND s.rating_result = 'basicallySatisfied')::int AS basically,
      count(*) FILTER (WHERE f.answered = 1 AND s.rating_result = 'dissatisfied')::int AS dissatisfied,
      sum(f.class_a)::int AS class_a
    FROM (${suggestionUnitFacts(today)}) f
    JOIN suggestion s ON s.id = f.id
    JOIN organization o ON o.id = f.unit_id
    WHERE extract(year FROM f.day) = ${year} AND f.counted = 1 AND ${scope(sql.ref('s.org_path'))}
    GROUP BY f.unit_id, o.name
    HAVING sum(f.answered) + sum(f.overdue) > 0
    ORDER BY f.unit_id`.execute(db);
  return rows.rows.map((r) => ({
    unitId: Number(r.unit_id),
    unitName: r.unit_name,
    answered: r.answered,
    onTime: r.on_time,
    overdue: r.overdue,
    satisfied: r.satisfied,
    basicallySatisfied: r.basically,
    dissatisfied: r.dissatisfied,
    classA: r.class_a,
  }));
}
