import { idIn, type Db, type Tx } from '../../db/database.js';

/** Organisations as other modules need them: name, path and kind by id or code, for scoping and display. */

/** One organisation's id, name, path, kind and whether it is active (undefined when there is none). */
export async function orgById(db: Db | Tx, id: number) {
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'path', 'kind', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** One organisation by its code (demo rows and imports refer to organisations by code). */
export async function orgByCode(db: Db | Tx, code: string) {
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'path', 'kind', 'active'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Organisations by ids (one query): id, name, path, kind, active. */
export async function orgsByIds(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('organization')
    .select(['id', 'name', 'path', 'kind', 'active'])
    .where(idIn('id', ids))
    .execute();
}
