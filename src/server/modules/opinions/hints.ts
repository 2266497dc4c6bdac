import { sql, type SqlBool } from 'kysely';
import { authorize, type Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { anyTermQuery, searchTerms } from '../../platform/text/segment.js';
import { formatReceiptCode } from './receipt.js';

const OPEN = ['registered', 'triaged', 'assigned', 'inProgress', 'responded', 'answered'];

/**
 * While an officer types: likely categories (from the categories' keywords and from how similar
 * past opinions were sorted), likely duplicates among open opinions of the same street, and the
 * units that handled this category before.
 */
export async function hints(p: Platform, actor: Actor, q: { orgId: number; text: string; categoryId?: number }) {
  const org = await p.db.selectFrom('organization').select(['path']).where('id', '=', q.orgId).executeTakeFirst();
  if (!org) throw new AppError('NOT_FOUND');
  authorize(actor, 'opinion.register', { orgPath: org.path }, 'opinion.read');
  const terms = searchTerms(q.text);
  const any = anyTermQuery(q.text);
  // The words the OR-query is made of; a likely duplicate shares at least two of them, or 30 %.
  const queryTerms = terms.filter((t) => t.length > 1).slice(0, 12);
  const sharedNeeded = Math.min(queryTerms.length, Math.max(2, Math.ceil(queryTerms.length * 0.3)));
  // The street (or whatever is two levels above the station) bounds the duplicate search.
  const area = org.path.split('.').slice(0, 3).join('.');

  const byKeyword = terms.length
    ? await p.db
        .selectFrom('opinion_category as c')
        .leftJoin('opinion_category as parent', 'parent.id', 'c.parent_id')
        .select(['c.id', 'c.name', 'parent.name as parent_name'])
        .select(
          sql<number>`cardinality(ARRAY(SELECT unnest(c.keywords) INTERSECT SELECT unnest(${terms}::text[])))`.as(
            'score',
          ),
        )
        .where('c.active', '=', true)
        .where('c.parent_id', 'is not', null)
        .where(sql<SqlBool>`c.keywords && ${terms}::text[]`)
        .orderBy('score', 'desc')
        .orderBy('c.sort')
        .limit(3)
        .execute()
    : [];
  const byHistory = any
    ? await p.db
        .selectFrom(
          p.db
            .selectFrom('opinion')
            .select(['category_id'])
            .where('category_id', 'is not', null)
            .where(sql<SqlBool>`search @@ to_tsquery('simple', ${any})`)
            .orderBy('id', 'desc')
            .limit(200)
            .as('recent'),
        )
        .innerJoin('opinion_category as c', 'c.id', 'recent.category_id')
        .leftJoin('opinion_category as parent', 'parent.id', 'c.parent_id')
        .select(['c.id', 'c.name', 'parent.name as parent_name', sql<number>`count(*)::int`.as('n')])
        .where('c.active', '=', true)
        .groupBy(['c.id', 'c.name', 'parent.name'])
        .orderBy('n', 'desc')
        .limit(3)
        .execute()
    : [];
  const seen = new Set<number>();
  const categories = [...byKeyword, ...byHistory]
    .filter((c) => !seen.has(c.id) && seen.add(c.id))
    .slice(0, 4)
    .map((c) => ({ id: c.id, name: c.name, parentName: c.parent_name }));

  const duplicates = any
    ? await p.db
        .selectFrom('opinion')
        .select(['id', 'receipt_code', 'state', sql<string>`left(content, 80)`.as('excerpt')])
        .select(sql<number>`ts_rank(search, to_tsquery('simple', ${any}))`.as('rank'))
        .where(sql<SqlBool>`org_path <@ ${area}::ltree`)
        .where('state', 'in', OPEN)
        .where(sql<SqlBool>`search @@ to_tsquery('simple', ${any})`)
        // One shared word ("小区", "路灯") is not a duplicate: enough of what was typed must recur.
        .where(
          sql<SqlBool>`cardinality(ARRAY(SELECT unnest(tsvector_to_array(search)) INTERSECT SELECT unnest(${queryTerms}::text[]))) >= ${sharedNeeded}`,
        )
        .where('created_at', '>', sql<Date>`now() - interval '180 days'`)
        .orderBy('rank', 'desc')
        .orderBy('id', 'desc')
        .limit(5)
        .execute()
    : [];

  const categoryId = q.categoryId ?? categories[0]?.id;
  const units: { id: number; name: string; reason: 'category' | 'history' }[] = [];
  if (categoryId) {
    const byCategory = await p.db
      .selectFrom('opinion_category as c')
      .innerJoin('organization as u', 'u.id', 'c.default_unit_id')
      .select(['u.id', 'u.name'])
      .where('c.id', '=', categoryId)
      .where('u.active', '=', true)
      .executeTakeFirst();
    if (byCategory) units.push({ ...byCategory, reason: 'category' });
    const root = org.path.split('.')[0]!;
    const past = await p.db
      .selectFrom('opinion_assignment as a')
      .innerJoin('opinion as o', 'o.id', 'a.opinion_id')
      .innerJoin('organization as u', 'u.id', 'a.unit_id')
      .select(['u.id', 'u.name', sql<number>`count(*)::int`.as('n')])
      .where('o.category_id', '=', categoryId)
      .where('a.is_lead', '=', true)
      .where('a.state', '=', 'responded')
      .where('u.active', '=', true)
      .where(sql<SqlBool>`u.path <@ ${root}::ltree`)
      .groupBy(['u.id', 'u.name'])
      .orderBy('n', 'desc')
      .limit(3)
      .execute();
    for (const u of past)
      if (!units.some((x) => x.id === u.id)) units.push({ id: u.id, name: u.name, reason: 'history' });
  }
  return {
    categories,
    duplicates: duplicates.map((d) => ({
      id: d.id,
      receiptCode: formatReceiptCode(d.receipt_code),
      excerpt: d.excerpt,
      state: d.state as never,
    })),
    units,
  };
}
