// 签字交办 in the system: an officer proposes an assignment, the street office head signs it off
// (the time limit runs from that moment) or sends it back with the reason.
import { sql } from 'kysely';
import type { SignOffRequest, SignOffView } from '../../../contracts/opinions.js';
import { inTransaction, type Tx } from '../../db/database.js';
import { authorize, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { activeHoldersAbove } from '../users/contacts.js';
import { canRead, capacitiesOf } from './access.js';
import { formatReceiptCode } from './receipt.js';
import { presentSignOff, signOffQuery, type SignOffBody } from './signoff-query.js';
import { messageTitle as title } from './follow-link.js';
import { fireInTx, handlingUnit, refuse } from './steps.js';
import { loadForAction } from './view.js';
import { decide } from './workflow.js';

/** An officer asks the head to sign an assignment off; the opinion waits in the head's queue. */
export async function requestSignOff(p: Platform, ctx: RequestContext, actor: Actor, id: number, body: SignOffRequest) {
  return inTransaction(p.db, (trx) => requestSignOffInTx(trx, p, ctx, actor, id, body));
}

/** The same inside the caller's transaction (the demo seed asks the head too). */
export async function requestSignOffInTx(
  trx: Tx,
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  id: number,
  body: SignOffRequest,
) {
  const o = await loadForAction(trx, id, true, p.config.opinions);
  if (!o || !canRead(actor, o.scope)) throw new AppError('NOT_FOUND');
  const d = decide(o.facts, body.action, capacitiesOf(actor, o.scope));
  if (!d.ok) throw refuse(d, body.action);
  const lead = await handlingUnit(trx, body.leadUnitId, o, 'body.leadUnitId');
  const co: number[] = [];
  for (const [i, u] of [...new Set(body.coUnitIds)].filter((u) => u !== lead.id).entries())
    co.push((await handlingUnit(trx, u, o, `body.coUnitIds.${i}`)).id);
  // The heads who may sign it off: the role held over the station.
  const heads = await activeHoldersAbove(trx, o.scope.orgPath, 'streetHead');
  if (!heads.length)
    throw invalid({
      path: 'body.signOff',
      zh: '本街道还没有可在线签批的负责人账号，请用纸质签批（填写签批人并上传扫描件）',
      en: 'No street office head can sign online here yet: use a paper sign-off (name and scan)',
    });
  const stored: SignOffBody = {
    leadUnitId: lead.id,
    coUnitIds: co,
    deadlineDays: body.deadlineDays,
    note: body.note ?? null,
  };
  const row = await trx
    .insertInto('opinion_signoff')
    .values({
      opinion_id: id,
      org_path: o.scope.orgPath,
      action: body.action,
      body: JSON.stringify(stored),
      requested_by: actor.userId,
    })
    .onConflict((oc) => oc.column('opinion_id').where('state', '=', 'pending').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('SIGN_OFF_PENDING');
  for (const h of heads)
    await enqueue(trx, {
      type: 'opinion.signOffRequested',
      to: { userId: h.id },
      scopeOrgId: o.row.org_id,
      vars: {
        receiptCode: formatReceiptCode(o.row.receipt_code),
        title: title(o.row.content),
        requestedBy: actor.displayName,
        unitName: lead.name,
      },
      link: `/opinions/${id}`,
      dedupeKey: `opinion.signOffRequested:${row.id}:${h.id}`,
    });
  await p.audit.record(trx, ctx, {
    action: 'opinion.signOffRequest',
    subjectType: 'opinion',
    subjectId: id,
    summary: { signOffId: row.id, leadUnitId: lead.id },
  });
  return { id: row.id };
}

/** The head's queue: sign-offs in their scope, the oldest first while pending. */
export async function listSignOffs(
  p: Platform,
  actor: Actor,
  q: { state: SignOffView['state']; limit: number },
): Promise<{ items: SignOffView[] }> {
  authorize(actor, 'opinion.signOff');
  const rows = await signOffQuery(p.db)
    .where('s.state', '=', q.state)
    .where(inScope(actor, 'opinion.signOff', sql.ref('s.org_path')))
    .orderBy('s.requested_at', q.state === 'pending' ? 'asc' : 'desc')
    .limit(q.limit)
    .execute();
  return { items: rows.map(presentSignOff) };
}

/**
 * The head signs off (the assignment is made in their name, the time limit counting from now) or
 * sends it back with the reason, which the officer is told.
 */
export async function decideSignOff(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  signOffId: number,
  decision: { approve: boolean; note?: string | null },
) {
  return inTransaction(p.db, async (trx) => {
    const s = await trx
      .selectFrom('opinion_signoff')
      .selectAll()
      .where('id', '=', signOffId)
      .forUpdate()
      .executeTakeFirst();
    if (!s) throw new AppError('NOT_FOUND');
    authorize(actor, 'opinion.signOff', { orgPath: s.org_path }, 'opinion.read');
    if (s.state !== 'pending') throw new AppError('SIGN_OFF_DECIDED');
    await trx
      .updateTable('opinion_signoff')
      .set({
        state: decision.approve ? 'approved' : 'declined',
        decided_by: actor.userId,
        decided_at: new Date(),
        decision_note: decision.note ?? null,
      })
      .where('id', '=', s.id)
      .execute();
    const body = s.body as unknown as SignOffBody;
    if (decision.approve) {
      await fireInTx(
        trx,
        p,
        s.opinion_id,
        {
          action: s.action as 'assign' | 'reassign',
          leadUnitId: body.leadUnitId,
          coUnitIds: body.coUnitIds,
          deadlineDays: body.deadlineDays,
          note: body.note,
        },
        { kind: 'staff', actor, ctx },
      );
      await trx
        .updateTable('opinion_assignment')
        .set({ signoff_kind: 'online' })
        .where('opinion_id', '=', s.opinion_id)
        .where('round', '=', (eb) =>
          eb
            .selectFrom('opinion_assignment')
            .select(sql<number>`max(round)`.as('r'))
            .where('opinion_id', '=', s.opinion_id),
        )
        .execute();
    } else {
      const o = await trx
        .selectFrom('opinion')
        .select(['receipt_code', 'content', 'org_id'])
        .where('id', '=', s.opinion_id)
        .executeTakeFirstOrThrow();
      await enqueue(trx, {
        type: 'opinion.signOffDeclined',
        to: { userId: s.requested_by },
        scopeOrgId: o.org_id,
        vars: {
          receiptCode: formatReceiptCode(o.receipt_code),
          title: title(o.content),
          decidedBy: actor.displayName,
          reason: decision.note ?? '',
        },
        link: `/opinions/${s.opinion_id}`,
        dedupeKey: `opinion.signOffDeclined:${s.id}`,
      });
    }
    await p.audit.record(trx, ctx, {
      action: 'opinion.signOffDecide',
      subjectType: 'opinion',
      subjectId: s.opinion_id,
      summary: { signOffId: s.id, approve: decision.approve },
    });
    return { ok: true as const };
  });
}
