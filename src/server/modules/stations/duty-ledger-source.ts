import { sql } from 'kysely';

/**
 * True when the deputy id column `deputyId` serves a station lying within `orgPath` (for the duty
 * record's ledgers: a station's ledger lists the deputies who serve it, wherever they are registered).
 */
export function servesWithinSql(deputyId: ReturnType<typeof sql.ref>, orgPath: string) {
  return sql<boolean>`EXISTS (SELECT 1 FROM station_member m JOIN organization so ON so.id = m.station_id
    WHERE m.deputy_id = ${deputyId} AND so.path <@ ${orgPath}::ltree)`;
}
