import type { SubjectNamer } from '../../platform/audit/subjects.js';

/** Accounts named in the audit trail: display name and username. */
export const userAuditSubjects: Record<string, SubjectNamer> = {
  user: async (db, ids) =>
    new Map(
      (await db.selectFrom('app_user').select(['id', 'username', 'display_name']).where('id', 'in', ids).execute()).map(
        (u) => [u.id, `${u.display_name}（${u.username}）`],
      ),
    ),
};
