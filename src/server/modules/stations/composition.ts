import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isServingDeputySql } from '../deputies/names.js';
import { activeRoleHoldersSql } from '../users/contacts.js';

// The rules themselves live in compliance/; the SQL below is their mirror over the station's tables.
export { compositionProblems, type StationFacts } from '../compliance/stations.js';

// The facts as SQL over `station as s`, so that lists can select them and filter on them.
// Whether a deputy serves, and who holds a role, are the deputies' and the accounts' own SQL.
const SERVING = isServingDeputySql(sql.ref('m.deputy_id'));
export const servingDeputiesSql = sql<number>`(SELECT count(*) FROM station_member m
  WHERE m.station_id = s.org_id AND ${SERVING})::int`;
export const hasHeadSql = sql<boolean>`EXISTS (SELECT 1 FROM station_member m
  WHERE m.station_id = s.org_id AND m.is_head AND ${SERVING})`;
export const liaisonOfficersSql = activeRoleHoldersSql(sql.ref('s.org_id'), 'liaisonOfficer');
const blankSql = (column: string) => sql`coalesce(btrim(${sql.ref(`s.${column}`)}), '') = ''`;

/** True for the stations `compositionProblems` finds anything wrong with (the same rules, in SQL). */
export const failsCompositionSql: RawBuilder<SqlBool> = sql<SqlBool>`(
  ${servingDeputiesSql} < 2 OR NOT ${hasHeadSql} OR ${liaisonOfficersSql} < 1
  OR ${blankSql('address')} OR ${blankSql('opening_hours')} OR (${blankSql('reception_rule')} AND s.reception_schedule IS NULL)
  OR ${blankSql('published_rules')} OR ${blankSql('published_workflow')})`;
