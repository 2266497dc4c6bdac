// The votes (票决) and year-end ratings (测评): the rule set, the candidates (差额), opening with the
// electorate, closing, the count and its publication by the presidium (the committee's office).
import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { z } from 'zod';
import type {
  BallotChoices,
  PaperTotals,
  RatingRules,
  SelectionRules,
  VoteInput,
  VoteResult,
  VoteView,
} from '../../../contracts/projects.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import { authorize, can, inScope, type Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { accountsOfDeputies, deputyNames, deputyOfAccount, districtDeputiesInScope } from '../deputies/names.js';
import { orgById } from '../org/tree.js';
import { paperTotalsCheck } from './ballots.js';
import { dayText, ownGrant } from './load.js';
import { tellConstituents } from './notices.js';
import { tallyRating, tallySelection, type Candidate, type Turnout } from './tally.js';

export const voteStateLabels = {
  draft: { zh: '筹备', en: 'in preparation' },
  open: { zh: '投票中', en: 'open' },
  closed: { zh: '已截止', en: 'closed' },
  published: { zh: '已公布', en: 'published' },
} as const;
export type VoteState = keyof typeof voteStateLabels;

export function voteStateError(state: string, action: { zh: string; en: string }) {
  const label = voteStateLabels[state as VoteState] ?? { zh: state, en: state };
  return new AppError('PROJECT_VOTE_STATE', {
    vars: { zh: { state: label.zh, action: action.zh }, en: { state: label.en, action: action.en } },
  });
}

function voteRow(db: Db | Tx) {
  return db.selectFrom('project_vote').selectAll();
}
export type VoteRow = NonNullable<Awaited<ReturnType<ReturnType<typeof voteRow>['executeTakeFirst']>>>;

/** The rules of a vote row, by kind. */
export function rulesOf(v: VoteRow) {
  const rules = v.rules as { selection?: SelectionRules; rating?: RatingRules; paperMode?: 'entries' | 'totals' };
  return { selection: rules.selection ?? null, rating: rules.rating ?? null, paperMode: rules.paperMode ?? 'entries' };
}

/**
 * The vote, if the actor may see it: the committee in scope, or a deputy of its electorate. The
 * row is locked (FOR UPDATE) inside a transaction when `lock`.
 */
export async function loadVote(db: Db | Tx, actor: Actor, id: number, lock: false | 'update' | 'share' = false) {
  let q = voteRow(db).where('id', '=', id);
  if (lock === 'update') q = q.forUpdate();
  if (lock === 'share') q = q.forShare();
  const v = await q.executeTakeFirst();
  if (!v) throw new AppError('NOT_FOUND');
  const manage = can(actor, 'project.manage', { orgPath: v.org_path });
  const deputy = actor.roles.some((g) => g.role === 'deputy') ? await deputyOfAccount(db, actor.userId) : undefined;
  const voter = deputy
    ? await db
        .selectFrom('project_voter')
        .select('voted')
        .where('vote_id', '=', id)
        .where('deputy_id', '=', deputy.id)
        .executeTakeFirst()
    : undefined;
  if (!manage && !voter) throw new AppError('NOT_FOUND');
  return { v, manage, deputy, voter };
}

export async function loadVoteForManage(db: Db | Tx, actor: Actor, id: number, lock: false | 'update' = false) {
  const loaded = await loadVote(db, actor, id, lock);
  if (!loaded.manage) throw new AppError('FORBIDDEN');
  return loaded;
}

/** The candidates of a vote in ballot order. */
export async function candidatesOf(db: Db | Tx, voteId: number) {
  return db
    .selectFrom('project_vote_candidate as c')
    .innerJoin('project as pr', 'pr.id', 'c.project_id')
    .leftJoin('organization as u', 'u.id', 'pr.unit_id')
    .select([
      'c.project_id',
      'c.position',
      'pr.title',
      'pr.cost',
      'pr.description',
      'pr.location',
      'pr.expected_completion',
      'u.name as unit_name',
    ])
    .where('c.vote_id', '=', voteId)
    .orderBy('c.position')
    .execute();
}

const RATEABLE = ['chosen', 'inProgress', 'paused', 'done', 'terminated'];

/** A new vote (or rating) with its rule set and candidates, in preparation. */
export async function createVote(p: Platform, ctx: RequestContext, actor: Actor, input: z.infer<typeof VoteInput>) {
  const grant = input.orgId ? { orgId: input.orgId } : ownGrant(actor, 'project.manage');
  const org = grant ? await orgById(p.db, grant.orgId) : undefined;
  if (!org) throw invalid({ path: 'body.orgId', zh: '请选择人大常委会', en: 'Choose the standing committee' });
  authorize(actor, 'project.manage', { orgPath: org.path });
  const rules = input.kind === 'selection' ? input.selection : input.rating;
  if (!rules)
    throw invalid({
      path: `body.${input.kind}`,
      zh: input.kind === 'selection' ? '请设置票决规则' : '请设置测评规则',
      en: input.kind === 'selection' ? 'Set the voting rules' : 'Set the rating rules',
    });
  const ids = [...new Set(input.candidateIds)];
  const projects = await p.db
    .selectFrom('project')
    .select(['id', 'state', 'year'])
    .where('id', 'in', ids)
    .where(sql<boolean>`org_path <@ ${org.path}::ltree`)
    .execute();
  const byId = new Map(projects.map((r) => [r.id, r]));
  ids.forEach((id, i) => {
    const r = byId.get(id);
    const fits = r && (input.kind === 'selection' ? r.state === 'shortlisted' : RATEABLE.includes(r.state));
    if (!fits)
      throw invalid({
        path: `body.candidateIds.${i}`,
        zh: input.kind === 'selection' ? '候选项目须为初选入围的项目' : '测评项目须为已票决入选的项目',
        en:
          input.kind === 'selection' ? 'Candidates must be shortlisted projects' : 'Rated projects must be chosen ones',
      });
  });
  if (input.kind === 'selection' && ids.length <= input.selection!.places)
    throw invalid({
      path: 'body.candidateIds',
      zh: `差额票决：候选项目数（${ids.length}）须多于名额（${input.selection!.places}）`,
      en: `Competitive vote: more candidates (${ids.length}) than places (${input.selection!.places}) are needed`,
    });
  if (input.kind === 'selection' && input.selection!.form === 'rank' && input.paperMode === 'totals')
    throw invalid({
      path: 'body.paperMode',
      zh: '排序选票的纸质票须逐张双人录入，不能按汇总录入',
      en: 'Paper rank ballots are entered one by one (twice), not as totals',
    });
  const stored = {
    ...(input.kind === 'selection' ? { selection: input.selection } : { rating: input.rating }),
    paperMode: input.paperMode,
  };
  return inTransaction(p.db, async (trx) => {
    const { id } = await trx
      .insertInto('project_vote')
      .values({
        org_id: org.id,
        org_path: org.path,
        kind: input.kind,
        year: input.year,
        name: input.name,
        rules: JSON.stringify(stored),
        created_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('project_vote_candidate')
      .values(ids.map((projectId, i) => ({ vote_id: id, project_id: projectId, position: i + 1 })))
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'project.vote.create',
      subjectType: 'projectVote',
      subjectId: id,
      summary: { after: { kind: input.kind, name: input.name, rules: stored, candidates: ids } },
    });
    return id;
  });
}

/** Opens the vote: the electorate (serving district deputies of the congress) is fixed and told. */
export async function openVote(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  await inTransaction(p.db, async (trx) => {
    const { v } = await loadVoteForManage(trx, actor, id, 'update');
    if (v.state !== 'draft') throw voteStateError(v.state, { zh: '开始投票', en: 'opened' });
    const electorate = await districtDeputiesInScope(trx, null, 'project.vote', v.org_id);
    if (!electorate.length)
      throw invalid({ path: 'params.id', zh: '没有在职代表，不能开始投票', en: 'No serving deputies to vote' });
    await trx
      .insertInto('project_voter')
      .values(electorate.map((d) => ({ vote_id: id, deputy_id: d.id })))
      .execute();
    await trx
      .updateTable('project_vote')
      .set({ state: 'open', members: electorate.length, opened_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    const accounts = await accountsOfDeputies(
      trx,
      electorate.map((d) => d.id),
    );
    for (const userId of accounts.values())
      await enqueue(trx, {
        type: 'project.voteOpen',
        to: { userId },
        vars: { name: v.name },
        dedupeKey: `project-vote-open:${id}:${userId}`,
      });
    await p.audit.record(trx, ctx, {
      action: 'project.vote.open',
      subjectType: 'projectVote',
      subjectId: id,
      summary: { after: { state: 'open', members: electorate.length } },
    });
  });
}

/** Fisher–Yates with crypto randomness. */
function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

/**
 * Closes electronic voting. The ballots are rewritten in random order with fresh random ids in this
 * one transaction: afterwards neither their physical order nor the transaction that wrote them
 * (xmin) says anything about when, or in whose request, each was cast.
 */
export async function closeVote(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  await inTransaction(p.db, async (trx) => {
    const { v } = await loadVoteForManage(trx, actor, id, 'update');
    if (v.state !== 'open') throw voteStateError(v.state, { zh: '截止投票', en: 'closed' });
    const ballots = await trx
      .selectFrom('project_ballot')
      .select(['channel', 'receipt_hash', 'choices'])
      .where('vote_id', '=', id)
      .execute();
    await trx.deleteFrom('project_ballot').where('vote_id', '=', id).execute();
    const shuffled = shuffle(ballots);
    for (let i = 0; i < shuffled.length; i += 500)
      await trx
        .insertInto('project_ballot')
        .values(
          shuffled.slice(i, i + 500).map((b) => ({
            vote_id: id,
            channel: b.channel,
            receipt_hash: b.receipt_hash,
            choices: JSON.stringify(b.choices),
          })),
        )
        .execute();
    await trx
      .updateTable('project_vote')
      .set({ state: 'closed', closed_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'project.vote.close',
      subjectType: 'projectVote',
      subjectId: id,
      summary: {
        after: { state: 'closed', electronicBallots: ballots.filter((b) => b.channel === 'electronic').length },
      },
    });
  });
}

/** Attendance figures of a vote (who voted is counted, never listed beside a ballot). */
export async function turnoutOf(db: Db | Tx, v: VoteRow): Promise<Turnout> {
  const rows = await db
    .selectFrom('project_voter')
    .select(['voted', sql<number>`count(*)::int`.as('n')])
    .where('vote_id', '=', v.id)
    .groupBy('voted')
    .execute();
  const n = (k: string | null) => rows.find((r) => r.voted === k)?.n ?? 0;
  return {
    members: v.members,
    present: n('electronic') + n('paper'),
    electronic: n('electronic'),
    paper: n('paper'),
    spoiled: v.paper_spoiled ?? 0,
  };
}

/** The count over the stored anonymous ballots (the same function anyone runs over the published list). */
export async function countVote(db: Db | Tx, v: VoteRow): Promise<VoteResult> {
  const [cands, ballots, turnout] = await Promise.all([
    candidatesOf(db, v.id),
    db.selectFrom('project_ballot').select('choices').where('vote_id', '=', v.id).execute(),
    turnoutOf(db, v),
  ]);
  const candidates: Candidate[] = cands.map((c) => ({ projectId: c.project_id, title: c.title, cost: c.cost }));
  const list = ballots.map((b) => ({ choices: b.choices as BallotChoices }));
  const rules = rulesOf(v);
  const totals = (v.paper_totals as PaperTotals | null) ?? null;
  return v.kind === 'selection'
    ? tallySelection(rules.selection!, candidates, list, turnout, totals)
    : tallyRating(rules.rating!, candidates, list, turnout, totals);
}

/**
 * The presidium's announcement: the count is fixed, the anonymous ballots published, chosen
 * projects marked (tied ones under a re-vote rule stay shortlisted), ratings recorded, and the
 * constituents behind chosen projects told by SMS. Paper ballots must be reconciled first.
 */
export async function publishVote(p: Platform, ctx: RequestContext, actor: Actor, id: number) {
  await inTransaction(p.db, async (trx) => {
    const { v } = await loadVoteForManage(trx, actor, id, 'update');
    if (v.state !== 'closed') throw voteStateError(v.state, { zh: '公布结果', en: 'published' });
    const turnout = await turnoutOf(trx, v);
    if (turnout.paper > 0 && v.paper_returned === null)
      throw new AppError('PROJECT_PAPER_MISMATCH', {
        vars: {
          zh: { detail: '纸质选票尚未清点核对（发出 = 收回有效 + 作废）' },
          en: { detail: 'paper ballots are not reconciled yet (issued = returned + spoiled)' },
        },
      });
    const result = await countVote(trx, v);
    await trx
      .updateTable('project_vote')
      .set({
        state: 'published',
        result: JSON.stringify(result),
        published_at: sql`now()`,
        published_by: actor.userId,
      })
      .where('id', '=', id)
      .execute();
    if (v.kind === 'selection') {
      const chosen = result.rows.filter((r) => r.chosen).map((r) => r.projectId);
      const tied = result.unresolvedTie ? result.rows.filter((r) => r.tie && !r.chosen).map((r) => r.projectId) : [];
      const others = result.rows.map((r) => r.projectId).filter((x) => !chosen.includes(x) && !tied.includes(x));
      if (chosen.length)
        await trx
          .updateTable('project')
          .set({ state: 'chosen', updated_at: sql`now()` })
          .where('id', 'in', chosen)
          .execute();
      if (others.length)
        await trx
          .updateTable('project')
          .set({ state: 'notChosen', updated_at: sql`now()` })
          .where('id', 'in', others)
          .execute();
      await tellConstituents(trx, p, chosen, 'project.chosen');
    } else {
      for (const r of result.rows)
        await trx.updateTable('project').set({ rating: r.rating }).where('id', '=', r.projectId).execute();
    }
    await p.audit.record(trx, ctx, {
      action: 'project.vote.publish',
      subjectType: 'projectVote',
      subjectId: id,
      summary: {
        after: {
          state: 'published',
          ballots: result.ballots,
          chosen: result.rows.filter((r) => r.chosen).map((r) => r.projectId),
          unresolvedTie: result.unresolvedTie,
        },
      },
    });
  });
}

/** Votes the actor may see: the committee's in scope and the ones the deputy belongs to. */
export async function listVotes(p: Platform, actor: Actor) {
  const deputy = actor.roles.some((g) => g.role === 'deputy') ? await deputyOfAccount(p.db, actor.userId) : undefined;
  const rows = await p.db
    .selectFrom('project_vote as v')
    .select(['v.id', 'v.kind', 'v.year', 'v.name', 'v.state', 'v.members'])
    .select(sql<number>`(SELECT count(*) FROM project_vote_candidate c WHERE c.vote_id = v.id)::int`.as('candidates'))
    .where((eb) =>
      eb.or([
        inScope(actor, 'project.manage', sql.ref('v.org_path')),
        ...(deputy
          ? [
              eb.exists(
                eb
                  .selectFrom('project_voter as pv')
                  .select('pv.deputy_id')
                  .whereRef('pv.vote_id', '=', 'v.id')
                  .where('pv.deputy_id', '=', deputy.id),
              ),
            ]
          : []),
      ]),
    )
    .orderBy('v.year', 'desc')
    .orderBy('v.id', 'desc')
    .execute();
  return {
    items: rows.map((r) => ({ ...r, kind: r.kind as 'selection', state: r.state as VoteState })),
  };
}

/** One vote: rules, candidates, attendance counts, paper entry state, the result (preview once closed). */
export async function getVote(p: Platform, actor: Actor, id: number): Promise<VoteView> {
  const { v, manage, voter } = await loadVote(p.db, actor, id);
  const [cands, turnout, entries] = await Promise.all([
    candidatesOf(p.db, id),
    turnoutOf(p.db, v),
    p.db
      .selectFrom('project_paper_entry')
      .select(['ballot_no', sql<number>`count(*)::int`.as('n')])
      .where('vote_id', '=', id)
      .groupBy('ballot_no')
      .execute(),
  ]);
  const confirmed = manage
    ? Number(
        (
          await p.db
            .selectFrom('project_ballot')
            .select(sql<number>`count(*)::int`.as('n'))
            .where('vote_id', '=', id)
            .where('channel', '=', 'paper')
            .executeTakeFirstOrThrow()
        ).n,
      )
    : 0;
  const rules = rulesOf(v);
  const showResult = v.state === 'published' || (manage && v.state === 'closed');
  return {
    id: v.id,
    kind: v.kind as 'selection',
    year: v.year,
    name: v.name,
    state: v.state as VoteState,
    members: v.members,
    selection: rules.selection,
    rating: rules.rating,
    paperMode: rules.paperMode,
    paperTotals: manage || v.state === 'published' ? ((v.paper_totals as PaperTotals | null) ?? null) : null,
    paperTotalsCheck:
      manage && rules.paperMode === 'totals'
        ? await paperTotalsCheck(p.db, id, actor.userId, v.paper_totals !== null)
        : null,
    commentUntil: v.comment_until ? v.comment_until.toISOString() : null,
    candidates: cands.length,
    candidateList: cands.map((c) => ({
      projectId: c.project_id,
      position: c.position,
      title: c.title,
      cost: c.cost,
      unitName: c.unit_name,
      expectedCompletion: dayText(c.expected_completion),
      description: c.description,
    })),
    attendance: {
      electronic: turnout.electronic,
      paperIssued: turnout.paper,
      notVoted: v.members - turnout.present,
    },
    paper: {
      entered: entries.length,
      confirmed,
      pending: entries.filter((e) => e.n < 2).map((e) => e.ballot_no),
      returned: v.paper_returned,
      spoiled: v.paper_spoiled,
    },
    result: v.state === 'published' ? (v.result as VoteResult) : showResult ? await countVote(p.db, v) : null,
    publishedAt: v.published_at ? v.published_at.toISOString() : null,
    me: voter ? { eligible: v.state === 'open' && voter.voted === null, voted: voter.voted !== null } : null,
    canManage: manage,
  };
}

/** The attendance list (签到): each deputy of the electorate and whether they voted, and how. Never what. */
export async function votersOf(p: Platform, actor: Actor, id: number) {
  await loadVoteForManage(p.db, actor, id);
  const rows = await p.db
    .selectFrom('project_voter')
    .select(['deputy_id', 'voted'])
    .where('vote_id', '=', id)
    .execute();
  const voted = new Map(rows.map((r) => [r.deputy_id, r.voted]));
  const names = await deputyNames(
    p.db,
    rows.map((r) => r.deputy_id),
  );
  return {
    items: names.map((d) => ({ deputyId: d.id, name: d.name, voted: (voted.get(d.id) ?? null) as 'paper' | null })),
  };
}
