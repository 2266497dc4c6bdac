// The constituents behind a suggestion (issue 12, item 9): whoever left an opinion that led to a
// suggestion follows it with the opinion's receipt code, reads the written answer (contacts removed)
// and rates it, once per answer round. Their ratings are counted beside the deputy's, never named.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { FollowRequest } from '../../../contracts/opinions.js';
import type {
  AnswerClass,
  ConstituentRateRequest,
  ConstituentSuggestion,
  Satisfaction,
} from '../../../contracts/suggestions.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { findByReceipt } from '../opinions/public.js';
import { orgsByIds } from '../org/tree.js';
import { redact } from '../../platform/text/personal-data.js';
import { chinaDate } from '../../platform/calendar/dates.js';
import { displayNumber } from './load.js';

/** States in which a written answer stands and may be rated by the constituents. */
const RATEABLE = ['answered', 'closed'] as const;
const HIDDEN = ['draft', 'withdrawn'];

/** The suggestions an opinion led to (drafts and withdrawn ones left out), with the latest answer. */
async function linkedSuggestions(db: Db | Tx, opinionId: number): Promise<ConstituentSuggestion[]> {
  const rows = await db
    .selectFrom('suggestion_opinion as so')
    .innerJoin('suggestion as s', 's.id', 'so.suggestion_id')
    .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
    .select([
      's.id',
      's.number',
      'cs.prefix',
      's.title',
      's.state',
      's.answer_class',
      sql<string | null>`to_char(s.commitment_date, 'YYYY-MM-DD')`.as('commitment_date'),
      sql<number | null>`(SELECT max(a.round) FROM suggestion_answer a WHERE a.suggestion_id = s.id)`.as('round'),
    ])
    .where('so.opinion_id', '=', opinionId)
    .where('s.state', 'not in', HIDDEN)
    .orderBy('s.id')
    .execute();
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [answers, units, mine] = await Promise.all([
    db
      .selectFrom('suggestion_answer')
      .select(['suggestion_id', 'content', 'answered_at'])
      .where('suggestion_id', 'in', ids)
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('suggestion_unit')
      .select(['suggestion_id', 'unit_id'])
      .where('suggestion_id', 'in', ids)
      .where('state', 'in', ['assigned', 'answered'])
      .execute(),
    db
      .selectFrom('suggestion_constituent_rating')
      .select(['suggestion_id', 'round', 'level'])
      .where('suggestion_id', 'in', ids)
      .where('opinion_id', '=', opinionId)
      .execute(),
  ]);
  const names = new Map((await orgsByIds(db, [...new Set(units.map((u) => u.unit_id))])).map((o) => [o.id, o.name]));
  return rows.map((r) => {
    const latest = answers.find((a) => a.suggestion_id === r.id);
    const rated = mine.find((m) => m.suggestion_id === r.id && m.round === r.round);
    return {
      id: r.id,
      number: displayNumber(r.prefix, r.number),
      title: redact(r.title),
      state: r.state as ConstituentSuggestion['state'],
      units: [...new Set(units.filter((u) => u.suggestion_id === r.id).map((u) => names.get(u.unit_id) ?? ''))],
      answerClass: (r.answer_class as AnswerClass | null) ?? null,
      answer: latest ? redact(latest.content) : null,
      answeredOn: latest ? chinaDate(latest.answered_at) : null,
      commitmentDate: r.commitment_date,
      canRate: !!latest && (RATEABLE as readonly string[]).includes(r.state) && !rated,
      myRating: (rated?.level as Satisfaction | undefined) ?? null,
    };
  });
}

/** The suggestions the opinion behind this receipt code led to (same proof as following the opinion). */
export async function suggestionsForReceipt(p: Platform, ctx: RequestContext, req: z.infer<typeof FollowRequest>) {
  const opinionId = await findByReceipt(p, ctx, req);
  return { items: await linkedSuggestions(p.db, opinionId) };
}

/** The constituent rates the latest answer of a suggestion their opinion led to: once per round, recorded and audited. */
export async function rateAsConstituent(p: Platform, ctx: RequestContext, req: z.infer<typeof ConstituentRateRequest>) {
  const opinionId = await findByReceipt(p, ctx, req);
  await inTransaction(p.db, async (trx) => {
    const s = (await linkedSuggestions(trx, opinionId)).find((x) => x.id === req.suggestionId);
    // A suggestion this opinion did not lead to is as unknown as a wrong code.
    if (!s) throw new AppError('NOT_FOUND');
    if (!s.canRate) throw new AppError(s.myRating ? 'SUGGESTION_ALREADY_RATED' : 'SUGGESTION_NOT_ANSWERED');
    const { round } = await trx
      .selectFrom('suggestion_answer')
      .select(sql<number>`max(round)`.as('round'))
      .where('suggestion_id', '=', s.id)
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto('suggestion_constituent_rating')
      .values({ suggestion_id: s.id, opinion_id: opinionId, round, level: req.level, comment: req.comment || null })
      .onConflict((oc) => oc.doNothing())
      .returning('round')
      .executeTakeFirst();
    if (!inserted) throw new AppError('SUGGESTION_ALREADY_RATED');
    await trx
      .insertInto('suggestion_event')
      .values({
        suggestion_id: s.id,
        action: 'constituentRate',
        from_state: s.state,
        to_state: s.state,
        actor_id: null,
        actor_name: null,
        note: null,
        data: JSON.stringify({ level: req.level, round }),
      })
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'suggestion.constituentRate',
      subjectType: 'suggestion',
      subjectId: s.id,
      summary: { opinionId, level: req.level, round },
    });
  });
  return { items: await linkedSuggestions(p.db, opinionId) };
}

/** How the constituents rated a suggestion's latest answer round (for the console's page). */
export async function constituentRatingCounts(db: Db | Tx, suggestionId: number) {
  const rows = await db
    .selectFrom('suggestion_constituent_rating')
    .select(['level', sql<number>`count(*)::int`.as('n')])
    .where('suggestion_id', '=', suggestionId)
    .where(
      'round',
      '=',
      sql<number>`(SELECT max(round) FROM suggestion_constituent_rating WHERE suggestion_id = ${suggestionId})`,
    )
    .groupBy('level')
    .execute();
  const n = (l: Satisfaction) => rows.find((r) => r.level === l)?.n ?? 0;
  return { satisfied: n('satisfied'), basicallySatisfied: n('basicallySatisfied'), dissatisfied: n('dissatisfied') };
}
