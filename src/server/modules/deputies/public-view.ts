import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/** Deputies as the public portal shows them: serving deputies only, with their levels and photo. */

/** Serving deputies by ids (one query), in pinyin order of their names: name, levels (null when none), occupation, public contact, photo file. */
export async function publicDeputies(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  return (db as Db)
    .selectFrom('deputy as d')
    .select(['d.id', 'd.name', 'd.occupation', 'd.public_contact', 'd.photo_file_id'])
    .select((eb) => [
      eb
        .selectFrom('deputy_level as l')
        .whereRef('l.deputy_id', '=', 'd.id')
        .select(sql<string[]>`array_agg(l.level ORDER BY l.level)`.as('x'))
        .as('levels'),
    ])
    .where('d.id', 'in', [...new Set(ids)])
    .where('d.status', '=', 'serving')
    .orderBy('d.name_sort')
    .orderBy('d.id')
    .execute();
}

/** The photo file of a serving deputy; null when there is none. */
export async function servingDeputyPhotoFile(db: Db | Tx, id: number) {
  const d = await (db as Db)
    .selectFrom('deputy')
    .select('photo_file_id')
    .where('id', '=', id)
    .where('status', '=', 'serving')
    .executeTakeFirst();
  return d?.photo_file_id ?? null;
}
