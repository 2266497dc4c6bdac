import type { SubjectNamer } from '../../platform/audit/subjects.js';
import { formatReceiptCode } from './receipt.js';

/** Opinions named in the audit trail by their receipt code (never the constituent). */
export const opinionAuditSubjects: Record<string, SubjectNamer> = {
  opinion: async (db, ids) =>
    new Map(
      (await db.selectFrom('opinion').select(['id', 'receipt_code']).where('id', 'in', ids).execute()).map((o) => [
        o.id,
        formatReceiptCode(o.receipt_code),
      ]),
    ),
};
