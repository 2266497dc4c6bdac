import { sql, type SqlBool } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/**
 * A month's opinions (`YYYY-MM`, China time) as the portal's open data counts them: by top
 * category (both names), by street (the name of the street the opinion's working committee
 * serves, not the committee's), by state and by rating (codes), and in all.
 */
export async function monthOpenDataCounts(db: Db | Tx, month: string) {
  const inMonth = sql<SqlBool>`o.created_at >= (${`${month}-01`}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
    AND o.created_at < ((${`${month}-01`}::date + interval '1 month'))::timestamp AT TIME ZONE 'Asia/Shanghai'`;
  const base = () => (db as Db).selectFrom('opinion as o').where(inMonth);
  const count = sql<number>`count(*)::int`.as('n');
  const [category, street, state, satisfaction, total] = await Promise.all([
    base()
      .leftJoin('opinion_category as c', 'c.id', 'o.category_id')
      .leftJoin('opinion_category as top', 'top.id', 'c.parent_id')
      .select([
        sql<string | null>`coalesce(top.name, c.name)`.as('name'),
        sql<string | null>`coalesce(top.name_en, c.name_en)`.as('name_en'),
        count,
      ])
      .groupBy(sql`1, 2`)
      .orderBy(sql`3`, 'desc')
      .orderBy(sql`1`)
      .execute(),
    base()
      .leftJoin('organization as w', 'w.id', 'o.committee_id')
      .leftJoin('region as r', 'r.code', 'w.region_code')
      .select([sql<string | null>`coalesce(r.name, w.name)`.as('name'), count])
      .groupBy(sql`1`)
      .orderBy(sql`2`, 'desc')
      .orderBy(sql`1`)
      .execute(),
    base().select(['o.state', count]).groupBy('o.state').execute(),
    base().select(['o.rating', count]).where('o.rating', 'is not', null).groupBy('o.rating').execute(),
    base().select(count).executeTakeFirstOrThrow(),
  ]);
  return { category, street, state, satisfaction, total: total.n };
}
