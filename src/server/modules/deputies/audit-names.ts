import type { SubjectNamer } from '../../platform/audit/subjects.js';
import { deputyNames } from './names.js';

/** Deputies named in the audit trail. */
export const deputyAuditSubjects: Record<string, SubjectNamer> = {
  deputy: async (db, ids) => new Map((await deputyNames(db, ids)).map((d) => [d.id, d.name])),
};
