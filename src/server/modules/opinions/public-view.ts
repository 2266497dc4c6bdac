import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/**
 * Opinions as the public portal, its open data and Open311 need them: figures, idempotency, files,
 * categories, and the opinions behind Open311 requests.
 */

/** A station's figures for a year (China time): received, answered, rated and satisfied opinions. */
export async function stationYearFigures(db: Db | Tx, stationId: number, year: number) {
  return (db as Db)
    .selectFrom('opinion')
    .select([
      sql<number>`count(*)::int`.as('received'),
      sql<number>`count(*) FILTER (WHERE state IN ('answered','responded','fedBack','rated','closed'))::int`.as(
        'answered',
      ),
      sql<number>`count(*) FILTER (WHERE rating IS NOT NULL)::int`.as('rated'),
      sql<number>`count(*) FILTER (WHERE rating IN ('verySatisfied','satisfied','basicallySatisfied'))::int`.as(
        'satisfied',
      ),
    ])
    .where('org_id', '=', stationId)
    .where(sql<SqlBool>`created_at >= make_date(${year}, 1, 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`)
    .executeTakeFirstOrThrow();
}

/** Attaches stored files to an opinion (no name, no adder), in the order given. */
export async function attachFiles(db: Db | Tx, opinionId: number, fileIds: readonly number[]) {
  for (const fileId of fileIds)
    await (db as Db)
      .insertInto('opinion_file')
      .values({ opinion_id: opinionId, file_id: fileId, name: null })
      .execute();
}

/** How many files an opinion has. */
export async function opinionFileCount(db: Db | Tx, opinionId: number): Promise<number> {
  const { n } = await (db as Db)
    .selectFrom('opinion_file')
    .select((e) => e.fn.countAll<string>().as('n'))
    .where('opinion_id', '=', opinionId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** The active subcategories of the opinion tree (code, names, keywords, parent's name as group), in sort order. */
export async function activeSubcategories(db: Db | Tx) {
  return (db as Db)
    .selectFrom('opinion_category as c')
    .innerJoin('opinion_category as parent', 'parent.id', 'c.parent_id')
    .select(['c.code', 'c.name', 'c.name_en', 'c.keywords', 'parent.name as group'])
    .where('c.active', '=', true)
    .orderBy('c.sort')
    .execute();
}

/** An active subcategory by its code (id and code); undefined when there is none. */
export async function activeSubcategoryByCode(db: Db | Tx, code: string) {
  return (db as Db)
    .selectFrom('opinion_category')
    .select(['id', 'code'])
    .where('code', '=', code)
    .where('active', '=', true)
    .where('parent_id', 'is not', null)
    .executeTakeFirst();
}

/** Which opinions `open311Opinions` returns; every filter given must hold. */
export interface Open311OpinionFilter {
  /** Only the opinions this condition holds for (SQL over the opinion id column, written by the module that asks). */
  only?: (opinionId: ReturnType<typeof sql.ref>) => RawBuilder<boolean>;
  receiptCodes?: readonly string[];
  categoryCodes?: readonly string[];
  stateIn?: readonly string[];
  stateNotIn?: readonly string[];
  createdFrom?: Date;
  createdTo?: Date;
  /** Newest first (by id), at most this many. */
  newest?: number;
}

/** Opinions with a category as Open311 shows them: receipt, state, content, times, deadline, category, lead unit, latest public note. */
export async function open311Opinions(db: Db | Tx, f: Open311OpinionFilter) {
  let q = (db as Db)
    .selectFrom('opinion as o')
    .innerJoin('opinion_category as c', 'c.id', 'o.category_id')
    .leftJoin('organization as u', 'u.id', 'o.lead_unit_id')
    .select([
      'o.id',
      'o.receipt_code',
      'o.state',
      'o.content',
      'o.created_at',
      'o.updated_at',
      sql<string | null>`to_char(o.deadline, 'YYYY-MM-DD')`.as('deadline'),
      'c.code as service_code',
      'c.name as service_name',
      'u.name as agency',
    ])
    .select((eb) => [
      eb
        .selectFrom('opinion_event as e')
        .select('e.public_note')
        .whereRef('e.opinion_id', '=', 'o.id')
        .where('e.public_note', 'is not', null)
        .where('e.action', 'in', ['answer', 'respond', 'feedback', 'reject'])
        .orderBy('e.id', 'desc')
        .limit(1)
        .as('notes'),
    ]);
  if (f.only) q = q.where(f.only(sql.ref('o.id')));
  if (f.receiptCodes) q = q.where('o.receipt_code', 'in', [...f.receiptCodes]);
  if (f.categoryCodes) q = q.where('c.code', 'in', [...f.categoryCodes]);
  if (f.stateIn) q = q.where('o.state', 'in', [...f.stateIn]);
  if (f.stateNotIn) q = q.where('o.state', 'not in', [...f.stateNotIn]);
  if (f.createdFrom) q = q.where('o.created_at', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('o.created_at', '<=', f.createdTo);
  if (f.newest !== undefined) q = q.orderBy('o.id', 'desc').limit(f.newest);
  return q.execute();
}
