// The read side of the head's sign-off (签字交办): one query for the queue and the opinion page.
import { sql } from 'kysely';
import type { SignOffView } from '../../../contracts/opinions.js';
import type { Db, Tx } from '../../db/database.js';
import { inScope, type Actor } from '../../platform/access/policy.js';
import { accountColumnSql } from '../users/contacts.js';
import { formatReceiptCode } from './receipt.js';

export interface SignOffBody {
  leadUnitId: number;
  coUnitIds: number[];
  deadlineDays?: number;
  note?: string | null;
}

export function signOffQuery(db: Db | Tx) {
  return db
    .selectFrom('opinion_signoff as s')
    .innerJoin('opinion as o', 'o.id', 's.opinion_id')
    .innerJoin('organization as st', 'st.id', 'o.org_id')
    .select([
      's.id',
      's.opinion_id',
      'o.receipt_code',
      'o.content',
      'o.urgency',
      'st.name as org_name',
      's.action',
      's.body',
      's.state',
      's.requested_at',
      's.decided_at',
      's.decision_note',
    ])
    .select([
      accountColumnSql(sql.ref('s.requested_by'), 'display_name').as('requested_by_name'),
      accountColumnSql(sql.ref('s.decided_by'), 'display_name').as('decided_by_name'),
      // The proposed units' names, the lead first.
      sql<string[]>`(SELECT coalesce(array_agg(u.name ORDER BY x.ord), '{}')
        FROM jsonb_array_elements_text(jsonb_build_array(s.body->'leadUnitId') || (s.body->'coUnitIds'))
          WITH ORDINALITY AS x(uid, ord)
        JOIN organization u ON u.id = x.uid::bigint)`.as('unit_names'),
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof signOffQuery>['execute']>>[number];

export function presentSignOff(r: Row): SignOffView {
  const body = r.body as unknown as SignOffBody;
  const [lead = '', ...co] = r.unit_names ?? [];
  return {
    id: r.id,
    opinionId: r.opinion_id,
    receiptCode: formatReceiptCode(r.receipt_code),
    excerpt: r.content.replace(/\s+/g, ' ').slice(0, 60),
    orgName: r.org_name,
    urgency: r.urgency as SignOffView['urgency'],
    action: r.action as SignOffView['action'],
    leadUnitName: lead,
    coUnitNames: co,
    deadlineDays: body.deadlineDays ?? null,
    note: body.note ?? null,
    state: r.state as SignOffView['state'],
    requestedByName: r.requested_by_name ?? '',
    requestedAt: r.requested_at.toISOString(),
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at?.toISOString() ?? null,
    decisionNote: r.decision_note,
  };
}

/** The assignment of an opinion waiting for the head's sign-off, if any. */
export async function pendingSignOffOf(db: Db | Tx, opinionId: number): Promise<SignOffView | null> {
  const r = await signOffQuery(db)
    .where('s.opinion_id', '=', opinionId)
    .where('s.state', '=', 'pending')
    .executeTakeFirst();
  return r ? presentSignOff(r) : null;
}

/** How many assignments wait for this head's sign-off. */
export async function pendingSignOffCount(db: Db | Tx, actor: Actor): Promise<number> {
  const r = await db
    .selectFrom('opinion_signoff as s')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('s.state', '=', 'pending')
    .where(inScope(actor, 'opinion.signOff', sql.ref('s.org_path')))
    .executeTakeFirstOrThrow();
  return r.n;
}
