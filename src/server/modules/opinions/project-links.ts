// What the projects module needs of opinions: whom to tell when a livelihood project that came from
// opinions is chosen or done (the constituents who left a phone).
import type { Db, Tx } from '../../db/database.js';
import { formatReceiptCode } from './receipt.js';

/** The sealed phones of the constituents behind opinions (those who left one), with receipt code and organisation. */
export async function opinionPhonesForNotice(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('opinion')
    .select(['id', 'receipt_code', 'org_id', 'constituent_phone_sealed'])
    .where('id', 'in', [...new Set(ids)])
    .where('constituent_phone_sealed', 'is not', null)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receiptCode: formatReceiptCode(r.receipt_code),
    orgId: r.org_id,
    phoneSealed: r.constituent_phone_sealed!,
  }));
}
