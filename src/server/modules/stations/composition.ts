import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { CompositionProblem } from '../../../contracts/stations.js';

/** What the documents require of a station (DESIGN.md "Rules the documents set"). */
export interface StationFacts {
  servingDeputies: number;
  hasHead: boolean;
  liaisonOfficers: number;
  address: string | null;
  openingHours: string | null;
  receptionRule: string | null;
  hasReceptionSchedule: boolean;
  publishedRules: string | null;
  publishedWorkflow: string | null;
}

const blank = (v: string | null) => !v || !v.trim();

/** Every way a station falls short: ≥ 2 deputies, a deputy as head, a liaison officer, complete published information. */
export function compositionProblems(f: StationFacts): CompositionProblem[] {
  const problems: CompositionProblem[] = [];
  if (f.servingDeputies < 2) problems.push('tooFewDeputies');
  if (!f.hasHead) problems.push('noHead');
  if (f.liaisonOfficers < 1) problems.push('noLiaisonOfficer');
  if (blank(f.address)) problems.push('missingAddress');
  if (blank(f.openingHours)) problems.push('missingOpeningHours');
  if (blank(f.receptionRule) && !f.hasReceptionSchedule) problems.push('missingReceptionRule');
  if (blank(f.publishedRules)) problems.push('missingRules');
  if (blank(f.publishedWorkflow)) problems.push('missingWorkflow');
  return problems;
}

// The facts as SQL over `station as s`, so that lists can select them and filter on them.
const SERVING = sql`d.status = 'serving'`;
export const servingDeputiesSql = sql<number>`(SELECT count(*) FROM station_member m JOIN deputy d ON d.id = m.deputy_id
  WHERE m.station_id = s.org_id AND ${SERVING})::int`;
export const hasHeadSql = sql<boolean>`EXISTS (SELECT 1 FROM station_member m JOIN deputy d ON d.id = m.deputy_id
  WHERE m.station_id = s.org_id AND m.is_head AND ${SERVING})`;
export const liaisonOfficersSql = sql<number>`(SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id
  WHERE r.org_id = s.org_id AND r.role = 'liaisonOfficer' AND u.status = 'active')::int`;
const blankSql = (column: string) => sql`coalesce(btrim(${sql.ref(`s.${column}`)}), '') = ''`;

/** True for the stations `compositionProblems` finds anything wrong with (the same rules, in SQL). */
export const failsCompositionSql: RawBuilder<SqlBool> = sql<SqlBool>`(
  ${servingDeputiesSql} < 2 OR NOT ${hasHeadSql} OR ${liaisonOfficersSql} < 1
  OR ${blankSql('address')} OR ${blankSql('opening_hours')} OR (${blankSql('reception_rule')} AND s.reception_schedule IS NULL)
  OR ${blankSql('published_rules')} OR ${blankSql('published_workflow')})`;
