import { sql } from 'kysely';
import type { AccountCandidates, DeputyView, MyDuty } from '../../../contracts/deputies.js';
import { inTransaction, type Tx } from '../../db/database.js';
import { can, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { invalid } from '../../platform/errors/errors.js';
import { dutyReceptions } from '../receptions/receptions.js';
import { accountColumnSql, accountsHoldingInScope, lockAccountHolding } from '../users/contacts.js';
import { baseQuery, getDeputy, loadForManage, present } from './service.js';

/** How far ahead "my duty" looks. */
export const DUTY_DAYS = 60;

const field = 'body.userId';

/**
 * The account about to be linked to deputy `deputyId`, locked for the rest of the transaction (two
 * links of one account serialise here): one the actor may see, active, holding the deputy role and
 * linked to no other deputy. Field errors otherwise; an account out of scope is "no such account".
 */
async function linkableAccount(trx: Tx, actor: Actor, deputyId: number, userId: number) {
  const account = await lockAccountHolding(trx, userId, 'deputy');
  if (!account || !can(actor, 'user.read', { orgPath: account.path }))
    throw invalid({ path: field, zh: '账号不存在或不在您的管理范围内', en: 'No such account in your scope' });
  if (account.status !== 'active') throw invalid({ path: field, zh: '该账号已停用', en: 'This account is disabled' });
  if (!account.holdsRole)
    throw invalid({
      path: field,
      zh: '该账号没有“人大代表”角色',
      en: 'This account does not hold the deputy role',
    });
  const other = await trx
    .selectFrom('deputy')
    .select('id')
    .where('user_id', '=', userId)
    .where('id', '<>', deputyId)
    .executeTakeFirst();
  if (other)
    throw invalid({ path: field, zh: '该账号已关联其他代表', en: 'This account is already linked to another deputy' });
  return account;
}

/** Links a deputy to the staff account they sign in with, or unlinks them (`null`); audited before/after. */
export async function linkAccount(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  userId: number | null,
): Promise<DeputyView> {
  await loadForManage(p.db, actor, id);
  await inTransaction(p.db, async (trx) => {
    const before = await trx
      .selectFrom('deputy as d')
      .select(['d.user_id', accountColumnSql(sql.ref('d.user_id'), 'username').as('username')])
      .where('d.id', '=', id)
      .forUpdate('d')
      .executeTakeFirstOrThrow();
    if (before.user_id === userId) return;
    const account = userId === null ? null : await linkableAccount(trx, actor, id, userId);
    await trx.updateTable('deputy').set({ user_id: userId, updated_at: new Date() }).where('id', '=', id).execute();
    await p.audit.record(trx, ctx, {
      action: userId === null ? 'deputy.unlinkAccount' : 'deputy.linkAccount',
      subjectType: 'deputy',
      subjectId: id,
      summary: {
        before: { userId: before.user_id, username: before.username },
        after: { userId, username: account?.username ?? null },
      },
    });
  });
  return getDeputy(p, actor, id);
}

/**
 * Accounts that may be linked to the deputy: active accounts the actor may see, holding the deputy
 * role, linked to no other deputy (the deputy's own account stays in the list), by name.
 */
export async function accountCandidates(
  p: Platform,
  actor: Actor,
  id: number,
  q: string | undefined,
): Promise<AccountCandidates> {
  await loadForManage(p.db, actor, id);
  // Linked to no other deputy: the deputies' own SQL, applied to the accounts' query.
  const rows = await accountsHoldingInScope(
    p.db,
    actor,
    'user.read',
    'deputy',
    q,
    (userId) => sql<boolean>`NOT EXISTS (SELECT 1 FROM deputy d WHERE d.user_id = ${userId} AND d.id <> ${id})`,
  );
  return { items: rows.map((r) => ({ id: r.id, username: r.username, displayName: r.display_name })) };
}

/**
 * 我的履职: the deputy linked to the signed-in account (their own record, whatever their roles'
 * scope) with the receptions they are on the rota for in the next DUTY_DAYS days.
 */
export async function myDuty(p: Platform, actor: Actor, today = chinaToday()): Promise<MyDuty> {
  const to = addDays(today, DUTY_DAYS);
  const row = await baseQuery(p.db).where('d.user_id', '=', actor.userId).executeTakeFirst();
  if (!row) return { deputy: null, from: today, to, receptions: [] };
  const [deputy] = await present(p.db, [row]);
  return { deputy: deputy!, from: today, to, receptions: await dutyReceptions(p.db, row.id, today, to) };
}
