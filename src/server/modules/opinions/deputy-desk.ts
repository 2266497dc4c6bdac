// What the suggestions module and a deputy's workspace need of opinions: opinions addressed to a
// deputy or escalated to them, links from opinions to the suggestion they became, and telling
// their constituents of the suggestion's answer.
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { invalid } from '../../platform/errors/errors.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { deidentify } from '../../platform/text/names.js';
import { readableSql } from './access.js';
import { formatReceiptCode } from './receipt.js';
import { fireInTx } from './steps.js';

/**
 * Links opinions to a suggestion (the opinion's `linkSuggestion` step, one event each, as the
 * actor): each must be one the actor may link (an escalated opinion of their station for a deputy).
 * A refusal names the opinion's field.
 */
export async function linkOpinionsInTx(
  trx: Tx,
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  opinionIds: readonly number[],
  suggestionRef: string,
) {
  for (const [i, id] of [...new Set(opinionIds)].entries()) {
    try {
      await fireInTx(trx, p, id, { action: 'linkSuggestion', suggestionRef }, { kind: 'staff', actor, ctx });
    } catch {
      throw invalid({
        path: `body.opinionIds.${i}`,
        zh: '该群众意见不存在，或不是提交给代表的意见',
        en: 'No such opinion, or it was not escalated to deputies',
      });
    }
  }
}

/** Receipt codes and a short excerpt of opinions by ids (for a suggestion's page), in id order. */
export async function opinionBriefs(db: Db | Tx, ids: readonly number[]) {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('opinion')
    .select(['id', 'receipt_code', sql<string>`left(content, 200)`.as('text')])
    .where('id', 'in', [...new Set(ids)])
    .orderBy('id')
    .execute();
  // Shown beside suggestions (to the deputies, the units answering them): a name, a phone or an ID
  // number a constituent wrote into the text is masked before the cut, so no part of one shows.
  return rows.map((r) => ({
    id: r.id,
    receiptCode: formatReceiptCode(r.receipt_code),
    excerpt: deidentify(r.text).slice(0, 60),
  }));
}

/**
 * Tells the constituents behind opinions that the suggestion they led to has been answered (SMS with
 * the follow link), once per opinion that left a phone.
 */
export async function tellSuggestionAnswered(trx: Tx, p: Platform, opinionIds: readonly number[], dedupe: string) {
  if (!opinionIds.length) return 0;
  const rows = await trx
    .selectFrom('opinion')
    .select(['id', 'receipt_code', 'org_id', 'constituent_phone_sealed'])
    .where('id', 'in', [...new Set(opinionIds)])
    .where('constituent_phone_sealed', 'is not', null)
    .execute();
  for (const r of rows) {
    const code = formatReceiptCode(r.receipt_code);
    await enqueue(trx, {
      type: 'opinion.suggestionAnswered',
      to: { phoneSealed: r.constituent_phone_sealed! },
      vars: { receiptCode: code, followUrl: `${p.config.publicUrl}/follow?code=${encodeURIComponent(code)}` },
      dedupeKey: `suggestion-answered:${dedupe}:${r.id}`,
      scopeOrgId: r.org_id,
    });
  }
  return rows.length;
}

/**
 * A deputy's opinions (workspace): those addressed to them (portal "message this deputy" and those
 * registered with them) and those escalated to deputies waiting to be taken up (代表接单), newest
 * first, at most 50 each, within what the actor may read.
 */
export async function deputyOpinions(p: Platform, actor: Actor, deputyId: number) {
  const readable = await readableSql(p.db, actor);
  const base = p.db
    .selectFrom('opinion as o')
    .select([
      'o.id',
      'o.receipt_code',
      'o.state',
      sql<string>`left(o.content, 80)`.as('excerpt'),
      'o.created_at',
      'o.suggestion_ref',
    ])
    .where(readable);
  const [addressed, escalated] = await Promise.all([
    base
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('opinion_deputy as od')
            .select('od.opinion_id')
            .whereRef('od.opinion_id', '=', 'o.id')
            .where('od.deputy_id', '=', deputyId),
        ),
      )
      .where('o.state', '<>', 'escalated')
      .orderBy('o.id', 'desc')
      .limit(50)
      .execute(),
    base
      .where('o.state', '=', 'escalated')
      .where('o.suggestion_ref', 'is', null)
      .orderBy('o.id', 'desc')
      .limit(50)
      .execute(),
  ]);
  const present = (r: (typeof addressed)[number]) => ({
    id: r.id,
    receiptCode: formatReceiptCode(r.receipt_code),
    state: r.state,
    excerpt: r.excerpt,
    createdAt: r.created_at.toISOString(),
    suggestionRef: r.suggestion_ref,
  });
  return { addressed: addressed.map(present), escalated: escalated.map(present) };
}
