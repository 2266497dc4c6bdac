// Casting ballots (electronic, one per deputy), paper ballots (issued, entered twice by different
// officers, reconciled), receipt codes and the published anonymous ballots.
//
// Secrecy that can be checked: the attendance mark (`project_voter.voted`) and the ballot
// (`project_ballot`, random id, no voter, no time) are written in one transaction, but nothing
// in the ballot row points at the voter; the audit line says that a deputy voted, never what; no
// response, export or log carries both. The receipt code (shown once) is kept only as its SHA-256.
import crypto from 'node:crypto';
import type { z } from 'zod';
import type {
  BallotChoices,
  PaperEntryInput,
  PaperTotals,
  PaperTotalsCheck,
  PaperTotalsInput,
  ReconcileInput,
  SelectionRules,
} from '../../../contracts/projects.js';
import { inTransaction, type Db, type Tx } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import type { Platform } from '../../platform/context.js';
import { AppError, invalid } from '../../platform/errors/errors.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { recordActivity } from '../duty/record-activity.js';
import { hit } from '../../platform/http/rate-limit.js';
import { rateDigest } from '../receptions/appointments.js';
import { formatReceiptCode, newReceiptCode, normaliseReceiptCode } from '../opinions/receipt.js';
import { ballotProblems, canonicalChoices, marksOf, type BallotProblem } from './tally.js';
import { candidatesOf, loadVote, loadVoteForManage, rulesOf, voteStateError, type VoteRow } from './votes.js';

const receiptHash = (code: string) => crypto.createHash('sha256').update(code).digest('hex');

function problemIssue(field: string, p: BallotProblem) {
  switch (p.kind) {
    case 'unknownProject':
      return {
        path: field,
        zh: `项目 ${p.projectId} 不是本次候选项目`,
        en: `Project ${p.projectId} is not a candidate`,
      };
    case 'badMark':
      return {
        path: field,
        zh: `项目 ${p.projectId} 的选项不适用于本选票`,
        en: `The mark for project ${p.projectId} does not fit this ballot`,
      };
    case 'missing':
      return {
        path: field,
        zh: `请对每个项目作出选择（项目 ${p.projectId} 未选）`,
        en: `Mark every project (project ${p.projectId} is unmarked)`,
      };
    case 'badRank':
      return {
        path: field,
        zh: `请给每个项目排一个不同的名次（1 至 ${p.n}），项目 ${p.projectId} 的名次重复或超出范围`,
        en: `Give every project a different place (1 to ${p.n}); project ${p.projectId} has a repeated or out-of-range place`,
      };
    case 'tooMany':
      return { path: field, zh: `最多选择 ${p.max} 个项目`, en: `Choose at most ${p.max} projects` };
    case 'overBudget':
      return {
        path: field,
        zh: `所选项目投资合计 ${(p.total / 10000).toFixed(2)} 万元，超过预算上限 ${(p.ceiling / 10000).toFixed(2)} 万元`,
        en: `The chosen projects cost ${(p.total / 10000).toFixed(2)} (10k yuan) in all, over the ceiling of ${(p.ceiling / 10000).toFixed(2)}`,
      };
  }
}

/** Refuses a ballot that does not fit the vote (naming the field), returns its canonical choices. */
async function checkedChoices(db: Db | Tx, v: VoteRow, choices: BallotChoices, field: string) {
  const cands = await candidatesOf(db, v.id);
  const problems = ballotProblems(
    v.kind as 'selection',
    rulesOf(v).selection as SelectionRules | null,
    cands.map((c) => ({ projectId: c.project_id, title: c.title, cost: c.cost })),
    choices,
  );
  if (problems.length) throw invalid(...problems.map((x) => problemIssue(field, x)));
  return canonicalChoices(choices);
}

/**
 * The deputies' duty records note that they took part in the vote (attendance only: the duty
 * record's fact has no field for a choice), once per vote however they voted.
 */
async function recordVoteAttendance(trx: Tx, v: { id: number; name: string; kind: string }, deputyIds: number[]) {
  for (const deputyId of deputyIds)
    await recordActivity(trx, {
      deputyId,
      kind: 'vote_attendance',
      sourceKey: `project-vote:${v.id}`,
      day: chinaToday(),
      title: `${v.kind === 'rating' ? '民生实事项目满意度测评' : '民生实事项目票决'}：${v.name}`,
    });
}

/**
 * A deputy's electronic ballot. One per deputy: the attendance mark is taken by a conditional
 * UPDATE (`voted IS NULL`) under the row lock, so of parallel requests exactly one succeeds.
 * Returns the receipt code, shown once.
 */
export async function castBallot(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  voteId: number,
  choices: BallotChoices,
) {
  return inTransaction(p.db, async (trx) => {
    const { v, deputy, voter } = await loadVote(trx, actor, voteId, 'share');
    if (!deputy || !voter) throw new AppError('PROJECT_NOT_ELECTOR');
    if (v.state !== 'open') throw voteStateError(v.state, { zh: '投票', en: 'voted on' });
    const canonical = await checkedChoices(trx, v, choices, 'body.choices');
    const marked = await trx
      .updateTable('project_voter')
      .set({ voted: 'electronic' })
      .where('vote_id', '=', voteId)
      .where('deputy_id', '=', deputy.id)
      .where('voted', 'is', null)
      .returning('deputy_id')
      .executeTakeFirst();
    if (!marked) throw new AppError('PROJECT_ALREADY_VOTED');
    await recordVoteAttendance(trx, v, [deputy.id]);
    const code = newReceiptCode();
    await trx
      .insertInto('project_ballot')
      .values({
        vote_id: voteId,
        channel: 'electronic',
        receipt_hash: receiptHash(code),
        choices: JSON.stringify(canonical),
      })
      .execute();
    // The act of voting, without its content.
    await p.audit.record(trx, ctx, { action: 'project.vote.cast', subjectType: 'projectVote', subjectId: voteId });
    return { receiptCode: formatReceiptCode(code) };
  });
}

/** Paper ballots handed to deputies in the hall: each takes their attendance mark (then no electronic vote). */
export async function issuePaper(p: Platform, ctx: RequestContext, actor: Actor, voteId: number, deputyIds: number[]) {
  await inTransaction(p.db, async (trx) => {
    const { v } = await loadVoteForManage(trx, actor, voteId, 'update');
    if (v.state !== 'open') throw voteStateError(v.state, { zh: '发放纸质选票', en: 'given paper ballots' });
    const ids = [...new Set(deputyIds)];
    const marked = await trx
      .updateTable('project_voter')
      .set({ voted: 'paper' })
      .where('vote_id', '=', voteId)
      .where('deputy_id', 'in', ids)
      .where('voted', 'is', null)
      .returning('deputy_id')
      .execute();
    const done = new Set(marked.map((m) => m.deputy_id));
    const refused = ids.findIndex((id) => !done.has(id));
    if (refused >= 0)
      throw invalid({
        path: `body.deputyIds.${refused}`,
        zh: '该代表不在名单中，或已投票/已领取选票',
        en: 'The deputy is not on the list, or has already voted or taken a ballot',
      });
    await recordVoteAttendance(trx, v, ids);
    await p.audit.record(trx, ctx, {
      action: 'project.vote.paperIssued',
      subjectType: 'projectVote',
      subjectId: voteId,
      summary: { after: { deputies: ids } },
    });
  });
}

/**
 * One paper ballot typed in by an officer. The first entry waits; a second entry by a different
 * officer that agrees makes it a ballot; one that differs clears both entries (the paper is read
 * again by two people).
 */
export async function enterPaper(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  voteId: number,
  input: z.infer<typeof PaperEntryInput>,
): Promise<{ state: 'first' | 'confirmed' | 'conflict' }> {
  return inTransaction(p.db, async (trx) => {
    const { v } = await loadVoteForManage(trx, actor, voteId, 'update');
    if (v.state !== 'open' && v.state !== 'closed')
      throw voteStateError(v.state, { zh: '录入纸质选票', en: 'given paper entries' });
    if (v.paper_returned !== null)
      throw voteStateError(v.state, { zh: '在核对完成后录入纸质选票', en: 'given paper entries after reconciliation' });
    if (rulesOf(v).paperMode === 'totals')
      throw invalid({
        path: 'body.ballotNo',
        zh: '本次票决的纸质选票按汇总录入，不逐张录入',
        en: 'Paper ballots of this vote are entered as totals, not one by one',
      });
    const canonical = await checkedChoices(trx, v, input.choices, 'body.choices');
    const entries = await trx
      .selectFrom('project_paper_entry')
      .selectAll()
      .where('vote_id', '=', voteId)
      .where('ballot_no', '=', input.ballotNo)
      .execute();
    if (entries.length >= 2)
      throw invalid({
        path: 'body.ballotNo',
        zh: '该编号的选票已录入两次',
        en: 'This ballot number was entered twice already',
      });
    const first = entries[0];
    if (first && first.entered_by === actor.userId)
      throw invalid({
        path: 'body.ballotNo',
        zh: '第二次录入须由另一位工作人员完成',
        en: 'The second entry must be made by another officer',
      });
    let state: 'first' | 'confirmed' | 'conflict' = 'first';
    if (!first) {
      await trx
        .insertInto('project_paper_entry')
        .values({
          vote_id: voteId,
          ballot_no: input.ballotNo,
          entry: 1,
          entered_by: actor.userId,
          choices: JSON.stringify(canonical),
        })
        .execute();
    } else if (JSON.stringify(canonicalChoices(first.choices as BallotChoices)) === JSON.stringify(canonical)) {
      state = 'confirmed';
      await trx
        .insertInto('project_paper_entry')
        .values({
          vote_id: voteId,
          ballot_no: input.ballotNo,
          entry: 2,
          entered_by: actor.userId,
          choices: JSON.stringify(canonical),
        })
        .execute();
      await trx
        .insertInto('project_ballot')
        .values({ vote_id: voteId, channel: 'paper', receipt_hash: null, choices: JSON.stringify(canonical) })
        .execute();
    } else {
      state = 'conflict';
      await trx
        .deleteFrom('project_paper_entry')
        .where('vote_id', '=', voteId)
        .where('ballot_no', '=', input.ballotNo)
        .execute();
    }
    await p.audit.record(trx, ctx, {
      action: 'project.vote.paperEntry',
      subjectType: 'projectVote',
      subjectId: voteId,
      summary: { after: { ballotNo: input.ballotNo, state } },
    });
    return { state };
  });
}

const mismatch = (zh: string, en: string) =>
  new AppError('PROJECT_PAPER_MISMATCH', { vars: { zh: { detail: zh }, en: { detail: en } } });

/** Paper ballots handed out (by the attendance). */
async function paperIssued(trx: Tx, voteId: number) {
  const { issued } = await trx
    .selectFrom('project_voter')
    .select((eb) => eb.fn.countAll<number>().as('issued'))
    .where('vote_id', '=', voteId)
    .where('voted', '=', 'paper')
    .executeTakeFirstOrThrow();
  return Number(issued);
}

/** issued (as typed) = issued (by the attendance) = returned + spoiled. */
function checkIssued(input: { issued: number; returned: number; spoiled: number }, issued: number) {
  if (input.issued !== issued)
    throw mismatch(`发出选票应为 ${issued} 张（签到领票人数）`, `${issued} ballots were issued (by the attendance)`);
  if (input.returned + input.spoiled !== input.issued)
    throw mismatch(
      `发出 ${input.issued} ≠ 收回有效 ${input.returned} + 作废 ${input.spoiled}`,
      `issued ${input.issued} ≠ returned ${input.returned} + spoiled ${input.spoiled}`,
    );
}

/**
 * Reconciliation (清点核对): ballots issued = ballots returned (valid, each entered twice) + spoiled.
 * Issued is what the attendance says; returned must equal the confirmed paper ballots. Any mismatch
 * is refused, naming the figures.
 */
export async function reconcilePaper(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  voteId: number,
  input: z.infer<typeof ReconcileInput>,
) {
  await inTransaction(p.db, async (trx) => {
    const { v } = await loadVoteForManage(trx, actor, voteId, 'update');
    if (v.state !== 'closed') throw voteStateError(v.state, { zh: '核对纸质选票', en: 'reconciled' });
    const issued = await paperIssued(trx, voteId);
    const { confirmed } = await trx
      .selectFrom('project_ballot')
      .select((eb) => eb.fn.countAll<number>().as('confirmed'))
      .where('vote_id', '=', voteId)
      .where('channel', '=', 'paper')
      .executeTakeFirstOrThrow();
    const { pending } = await trx
      .selectFrom('project_paper_entry')
      .select((eb) => eb.fn.count<number>('ballot_no').distinct().as('pending'))
      .where('vote_id', '=', voteId)
      .where('entry', '=', 1)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('project_paper_entry as e2')
              .select('e2.entry')
              .whereRef('e2.vote_id', '=', 'project_paper_entry.vote_id')
              .whereRef('e2.ballot_no', '=', 'project_paper_entry.ballot_no')
              .where('e2.entry', '=', 2),
          ),
        ),
      )
      .executeTakeFirstOrThrow();
    checkIssued(input, issued);
    if (Number(pending) > 0)
      throw mismatch(`还有 ${pending} 张选票只录入了一次`, `${pending} ballots were entered only once`);
    if (input.returned !== Number(confirmed))
      throw mismatch(
        `收回有效 ${input.returned} 张，但双人录入一致的只有 ${confirmed} 张`,
        `${input.returned} returned, but ${confirmed} were entered twice alike`,
      );
    await trx
      .updateTable('project_vote')
      .set({ paper_returned: input.returned, paper_spoiled: input.spoiled })
      .where('id', '=', voteId)
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'project.vote.reconcile',
      subjectType: 'projectVote',
      subjectId: voteId,
      summary: { after: input },
    });
  });
}

/**
 * Paper ballots counted in the hall and entered as totals (汇总录入): marks per candidate, checked
 * against the number of ballots — issued = returned + spoiled, and on approve and rating ballots
 * every candidate's marks add up to the valid ballots returned (a choose ballot marks at most N,
 * so a candidate has at most the ballots returned and all marks at most N per ballot).
 *
 * Double entry (双人双录): the totals are typed twice, by two different officers, each entry checked
 * as above. The first waits; a second that agrees figure for figure counts and reconciles the vote;
 * one that differs ends the round — both entries stay on record and are shown side by side — and
 * the next entry starts a new round.
 */
export async function enterPaperTotals(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  voteId: number,
  input: z.infer<typeof PaperTotalsInput>,
) {
  await inTransaction(p.db, async (trx) => {
    const { v } = await loadVoteForManage(trx, actor, voteId, 'update');
    if (v.state !== 'closed' || v.paper_returned !== null)
      throw voteStateError(v.state, { zh: '录入纸质选票汇总', en: 'given paper totals' });
    const rules = rulesOf(v);
    if (rules.paperMode !== 'totals')
      throw invalid({
        path: 'body.counts',
        zh: '本次票决的纸质选票逐张双人录入，不按汇总录入',
        en: 'Paper ballots of this vote are entered one by one, not as totals',
      });
    const cands = await candidatesOf(trx, voteId);
    const allowed = v.kind === 'rating' ? marksOf.rating : marksOf[rules.selection!.form];
    const choose = v.kind === 'selection' && rules.selection!.form === 'choose';
    const ids = new Set(cands.map((c) => c.project_id));
    const seen = new Set<string>();
    input.counts.forEach((c, i) => {
      const key = `${c.projectId}:${c.mark}`;
      if (!ids.has(c.projectId) || !allowed.has(c.mark) || seen.has(key))
        throw invalid({
          path: `body.counts.${i}`,
          zh: seen.has(key) ? '同一项目同一选项只能填写一次' : '不是本次候选项目或选项不适用于本选票',
          en: seen.has(key) ? 'One count per project and mark' : 'Not a candidate, or a mark this ballot does not have',
        });
      seen.add(key);
    });
    checkIssued(input, await paperIssued(trx, voteId));
    const sumOf = (projectId: number) =>
      input.counts.filter((c) => c.projectId === projectId).reduce((n, c) => n + c.count, 0);
    for (const c of cands) {
      const sum = sumOf(c.project_id);
      const every = !choose;
      if (every ? sum !== input.returned : sum > input.returned)
        throw mismatch(
          `《${c.title}》各选项合计 ${sum} 票，${every ? '应等于' : '不能多于'}收回有效选票 ${input.returned} 张`,
          `"${c.title}" has ${sum} marks in all; it must ${every ? 'equal' : 'not exceed'} the ${input.returned} valid ballots`,
        );
    }
    if (choose) {
      const max = rules.selection!.maxChoices ?? rules.selection!.places;
      const all = input.counts.reduce((n, c) => n + c.count, 0);
      if (all > max * input.returned)
        throw mismatch(
          `选择合计 ${all} 票，超过 ${input.returned} 张选票 × 每票最多 ${max} 项`,
          `${all} marks in all, over ${input.returned} ballots × at most ${max} each`,
        );
    }
    const totals: PaperTotals = {
      returned: input.returned,
      spoiled: input.spoiled,
      counts: input.counts
        .filter((c) => c.count > 0)
        .sort((a, b) => a.projectId - b.projectId || a.mark.localeCompare(b.mark))
        .map((c) => ({ projectId: c.projectId, mark: c.mark, count: c.count })),
    };
    const latest = await totalsRound(trx, voteId);
    const first = latest.length === 1 ? latest[0]! : null;
    if (first && first.entered_by === actor.userId)
      throw invalid({
        path: 'body.counts',
        zh: '汇总的第二次录入须由另一位工作人员完成',
        en: 'The second entry of the totals must be made by another officer',
      });
    const round = first ? first.round : (latest[0]?.round ?? 0) + 1;
    await trx
      .insertInto('project_paper_totals_entry')
      .values({
        vote_id: voteId,
        round,
        entry: first ? 2 : 1,
        entered_by: actor.userId,
        issued: input.issued,
        totals: JSON.stringify(totals),
      })
      .execute();
    const state = !first
      ? 'first'
      : first.issued === input.issued && sameTotals(first.totals as PaperTotals, totals)
        ? 'confirmed'
        : 'conflict';
    if (state === 'confirmed')
      await trx
        .updateTable('project_vote')
        .set({ paper_returned: input.returned, paper_spoiled: input.spoiled, paper_totals: JSON.stringify(totals) })
        .where('id', '=', voteId)
        .execute();
    await p.audit.record(trx, ctx, {
      action: 'project.vote.paperTotals',
      subjectType: 'projectVote',
      subjectId: voteId,
      summary: { after: { round, state, issued: input.issued, ...totals } },
    });
  });
}

/** Two entries of the totals agree figure for figure (compared by field: jsonb reorders keys). */
function sameTotals(a: PaperTotals, b: PaperTotals) {
  const key = (t: PaperTotals) => [
    t.returned,
    t.spoiled,
    ...t.counts.map((c) => `${c.projectId}:${c.mark}:${c.count}`),
  ];
  return JSON.stringify(key(a)) === JSON.stringify(key(b));
}

/** The entries of the latest round of the paper totals (one: waiting; two: agreed or differing). */
async function totalsRound(db: Db | Tx, voteId: number) {
  return db
    .selectFrom('project_paper_totals_entry')
    .selectAll()
    .where('vote_id', '=', voteId)
    .where('round', '=', (eb) =>
      eb
        .selectFrom('project_paper_totals_entry')
        .select((e) => e.fn.max('round').as('r'))
        .where('vote_id', '=', voteId),
    )
    .orderBy('entry')
    .execute();
}

/** The double entry of the totals, for the committee: the latest round, and how it stands. */
export async function paperTotalsCheck(
  db: Db,
  voteId: number,
  userId: number,
  counted: boolean,
): Promise<PaperTotalsCheck> {
  const rows = await totalsRound(db, voteId);
  const entries = rows.map((r) => ({
    entry: r.entry,
    mine: r.entered_by === userId,
    at: r.entered_at.toISOString(),
    issued: r.issued,
    ...(r.totals as PaperTotals),
  }));
  const state = !rows.length ? 'none' : rows.length === 1 ? 'first' : counted ? 'confirmed' : 'conflict';
  return { state, entries };
}

const checkOf = (hash: string | null) => (hash ? hash.slice(0, 16) : null);

/** The published anonymous ballots of a vote, in the order of their random ids (published votes only). */
export async function publishedBallots(db: Db, voteId: number) {
  const v = await db
    .selectFrom('project_vote')
    .select(['id', 'state', 'paper_totals'])
    .where('id', '=', voteId)
    .executeTakeFirst();
  if (!v || v.state !== 'published') throw new AppError('NOT_FOUND');
  const rows = await db
    .selectFrom('project_ballot')
    .select(['id', 'channel', 'receipt_hash', 'choices'])
    .where('vote_id', '=', voteId)
    .orderBy('id')
    .execute();
  return {
    voteId,
    ballots: rows.map((b) => ({
      id: b.id,
      channel: b.channel as 'paper',
      check: checkOf(b.receipt_hash),
      choices: b.choices as BallotChoices,
    })),
    paperTotals: (v.paper_totals as PaperTotals | null) ?? null,
  };
}

/** A voter checks their receipt code: whether the ballot is stored, and what it says. One answer for every miss. */
export async function checkReceipt(p: Platform, ctx: RequestContext, typed: string) {
  if (ctx.ip) await hit(p.db, [{ key: `project-receipt:${rateDigest(p, ctx.ip)}`, max: 30, windowSeconds: 600 }]);
  const code = normaliseReceiptCode(typed);
  const row = code
    ? await p.db
        .selectFrom('project_ballot')
        .select(['vote_id', 'choices'])
        .where('receipt_hash', '=', receiptHash(code))
        .executeTakeFirst()
    : undefined;
  return row
    ? { found: true, voteId: row.vote_id, choices: row.choices as BallotChoices }
    : { found: false, voteId: null, choices: null };
}
