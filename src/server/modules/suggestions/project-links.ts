// What the projects module needs of suggestions: a suggestion a livelihood project came from (its
// title, whether it is past drafting) and the opinions behind it (whose constituents are told).
import type { Db, Tx } from '../../db/database.js';

/** Submitted suggestions by ids (drafts and withdrawn ones are not a project's source): id, title. */
export async function suggestionBriefs(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('suggestion')
    .select(['id', 'title'])
    .where('id', 'in', [...new Set(ids)])
    .where('state', 'not in', ['draft', 'withdrawn'])
    .orderBy('id')
    .execute();
}

/** The ids of the opinions linked to a suggestion. */
export async function suggestionOpinionIds(db: Db | Tx, suggestionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('suggestion_opinion')
    .select('opinion_id')
    .where('suggestion_id', '=', suggestionId)
    .execute();
  return rows.map((r) => r.opinion_id);
}

/** The ids of the suggestions an opinion led to (the projects module finds projects that came from them). */
export async function suggestionIdsOfOpinion(db: Db | Tx, opinionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('suggestion_opinion')
    .select('suggestion_id')
    .where('opinion_id', '=', opinionId)
    .execute();
  return rows.map((r) => r.suggestion_id);
}
