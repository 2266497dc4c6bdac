// Names for the subjects of audit rows (an opinion's receipt code, a user's name …), so that the
// auditor reads "交办 意见 ZBRP6-N3N4E" rather than "opinion.assign opinion 4711". Each module
// names its own subjects (its manifest's `auditSubjects`); the platform only asks.
import type { Db, Tx } from '../../db/database.js';

/** Names the subjects of one type: ids (as the trail stores them) → a short human name. */
export type SubjectNamer = (db: Db | Tx, ids: readonly number[]) => Promise<Map<number, string>>;

const namers = new Map<string, SubjectNamer>();

export function registerSubjectNamers(list: Record<string, SubjectNamer>) {
  for (const [type, namer] of Object.entries(list)) namers.set(type, namer);
}

/** The names of the given subjects, keyed `type:id`; unknown types and ids are left out. */
export async function nameSubjects(
  db: Db | Tx,
  rows: readonly { subjectType: string | null; subjectId: string | null }[],
) {
  const byType = new Map<string, Set<number>>();
  for (const r of rows) {
    const id = Number(r.subjectId);
    if (!r.subjectType || !namers.has(r.subjectType) || !Number.isSafeInteger(id) || id <= 0) continue;
    (byType.get(r.subjectType) ?? byType.set(r.subjectType, new Set()).get(r.subjectType)!).add(id);
  }
  const names = new Map<string, string>();
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      for (const [id, name] of await namers.get(type)!(db, [...ids])) names.set(`${type}:${id}`, name);
    }),
  );
  return names;
}
