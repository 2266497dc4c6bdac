import type { SubjectNamer } from '../../platform/audit/subjects.js';
import { displayNumber } from './load.js';

/** Suggestions named in the audit trail: number (or draft id) and the start of the title. */
export const suggestionAuditSubjects: Record<string, SubjectNamer> = {
  suggestion: async (db, ids) =>
    new Map(
      (
        await db
          .selectFrom('suggestion as s')
          .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
          .select(['s.id', 's.number', 'cs.prefix', 's.title'])
          .where('s.id', 'in', ids)
          .execute()
      ).map((s) => [s.id, `${displayNumber(s.prefix, s.number) ?? `#${s.id}`} ${s.title.slice(0, 20)}`]),
    ),
};
