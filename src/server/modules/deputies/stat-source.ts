// What the statistics module reads of deputies (read-only): each deputy's organisation, to count a
// deputy's work under their station or street.
import { sql } from 'kysely';

/** Rows (deputy_id, org_id) of every deputy. */
export const deputyOrgsSql = sql`SELECT d.id AS deputy_id, d.org_id FROM deputy d`;
