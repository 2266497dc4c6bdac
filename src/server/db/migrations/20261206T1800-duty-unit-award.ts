import { type Kysely, sql } from 'kysely';

/**
 * A fifth kind of award (建议办理先进单位): handling units, pre-ranked from the suggestions' handling
 * record and decided by the committee like the others. The kind's check is widened; nothing else changes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE duty_award DROP CONSTRAINT duty_award_category_check`.execute(db);
  await sql`
    ALTER TABLE duty_award ADD CONSTRAINT duty_award_category_check
      CHECK (category IN ('excellentDeputy', 'advancedGroup', 'excellentSuggestion', 'advancedStation', 'advancedUnit'))`.execute(
    db,
  );
}

export async function down(): Promise<void> {
  throw new Error('forward-only migration');
}
