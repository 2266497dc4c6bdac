import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';

/**
 * What the duty record (modules/duty) reads of suggestions: those the deputies led or co-signed
 * (confirmed), submitted between two days and not withdrawn, with the lead's quality marks (an A
 * answer, key supervision).
 */
export async function suggestionsOfDeputies(db: Db | Tx, deputyIds: readonly number[], from: string, to: string) {
  if (!deputyIds.length) return [];
  const ids = [...deputyIds];
  return db
    .selectFrom('suggestion as s')
    .leftJoin('suggestion_signer as sg', (j) =>
      j.onRef('sg.suggestion_id', '=', 's.id').on('sg.state', '=', 'confirmed'),
    )
    .select([
      's.id as suggestionId',
      's.title',
      's.lead_deputy_id as leadDeputyId',
      'sg.deputy_id as coSignerId',
      sql<string>`to_char(s.submitted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`.as('day'),
      sql<boolean>`coalesce(s.answer_class = 'A', false)`.as('answerA'),
      's.key_supervision as keySupervision',
    ])
    .where((eb) =>
      eb.or([
        eb(sql.ref('s.lead_deputy_id'), '=', sql<number>`ANY(${ids}::bigint[])`),
        eb(sql.ref('sg.deputy_id'), '=', sql<number>`ANY(${ids}::bigint[])`),
      ]),
    )
    .where('s.submitted_at', 'is not', null)
    .where('s.state', 'not in', ['draft', 'withdrawn'])
    .where(
      sql<boolean>`s.submitted_at >= (${from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND s.submitted_at < ((${to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    )
    .execute();
}
