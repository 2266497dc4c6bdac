// The constituent's contact in clear, revealed to those who may, every reveal audited.
import { inTransaction } from '../../db/database.js';
import { can, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { canRead } from './access.js';
import { loadForAction } from './view.js';
/** The constituent's contact in clear, for a call or a letter; every reveal is audited. */
export async function revealConstituent(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  return inTransaction(p.db, async (trx) => {
    const loaded = await loadForAction(trx, id, false, p.config.opinions);
    if (!loaded || !canRead(actor, loaded.scope)) throw new AppError('NOT_FOUND');
    if (!can(actor, 'opinion.revealContact', { orgPath: loaded.scope.orgPath })) throw new AppError('FORBIDDEN');
    const o = await trx
      .selectFrom('opinion')
      .select(['constituent_name_sealed', 'constituent_phone_sealed', 'constituent_address_sealed'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await p.audit.record(trx, ctx, { action: 'opinion.revealContact', subjectType: 'opinion', subjectId: id });
    const open = (v: string | null) => (v ? p.fields.decrypt(v) : null);
    return {
      name: open(o.constituent_name_sealed),
      phone: open(o.constituent_phone_sealed),
      address: open(o.constituent_address_sealed),
    };
  });
}
