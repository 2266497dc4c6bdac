import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { invalid } from '../errors/errors.js';

/** The id a keyset page continues after (cursors are opaque to clients; today an id). */
export function cursorId(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const id = Number(cursor);
  if (!Number.isSafeInteger(id) || id <= 0)
    throw invalid({ path: 'query.cursor', zh: '分页游标无效', en: 'Invalid cursor' });
  return id;
}

/** Cuts the one-extra row fetched to learn whether another page follows. */
export function keysetPage<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items.at(-1)!.id) : null };
}

/** A search word for LIKE, with its wildcards taken literally. */
export function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * The keyset condition of a list in pinyin order: rows of `alias` after the cursor's row of
 * `table` by (name_sort, id). Order the query by `${alias}.name_sort`, then `${alias}.id`.
 */
export function afterInNameOrder(alias: string, table: string, cursor: string | undefined): RawBuilder<SqlBool> {
  const after = cursorId(cursor);
  if (!after) return sql<SqlBool>`true`;
  return sql<SqlBool>`(${sql.ref(`${alias}.name_sort`)}, ${sql.ref(`${alias}.id`)}) >
    (SELECT name_sort, id FROM ${sql.table(table)} WHERE id = ${after})`;
}
