import type { SubjectNamer } from '../../platform/audit/subjects.js';
import { orgsByIds } from './tree.js';

/** Organisations (and stations, whose ids are their organisation's) named in the audit trail. */
const byName: SubjectNamer = async (db, ids) => new Map((await orgsByIds(db, ids)).map((o) => [o.id, o.name]));
export const orgAuditSubjects = { organization: byName, station: byName };
