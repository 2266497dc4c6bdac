import type {
  BallotChoices,
  Mark,
  PaperTotals,
  RatingRules,
  ResultRow,
  SelectionRules,
  VoteResult,
} from '../../../contracts/projects.js';

/**
 * The count (计票), as pure functions of the published anonymous ballots: the server announces what
 * these compute, and anyone can run the same over the published list (the test does).
 *
 * Selection (票决): a candidate passes when its votes (赞成 on an approve ballot, a mark on a choose
 * ballot) are MORE than `percent` % of the basis (present deputies, or all members):
 * votes × 100 > basis × percent. Passing candidates are ranked by votes; places are filled in rank
 * order while the running total of costs stays within the budget ceiling (one that would exceed it
 * is skipped, marked over budget). Where candidates tie for the last place(s): `lowerCost` takes the
 * cheaper first (equal cost stays unresolved); `revote` chooses none of them and flags a re-vote.
 *
 * Rank (排序): every ballot places every candidate 1…n. The count is the Borda count: a candidate
 * placed r-th of n gets n − r + 1 points (first n, last 1); its score is the sum over the ballots.
 * Its `for` is the number of ballots placing it within the places (1…places): the threshold applies
 * to that (a majority must want it among the chosen), and passing candidates are ranked, tied and
 * filled into the places (with the budget and the tie rule as above) by score instead of votes.
 *
 * Rating (测评): 满意 if 满意 votes are more than `percent` % of the basis; else 基本满意 if
 * 满意 + 基本满意 are; otherwise 不满意.
 */

export interface Candidate {
  projectId: number;
  title: string;
  cost: number;
}

export interface Turnout {
  members: number;
  /** Deputies who voted electronically or took a paper ballot. */
  present: number;
  electronic: number;
  paper: number;
  spoiled: number;
}

/** The marks each ballot form takes. */
export const marksOf = {
  approve: new Set<Mark>(['for', 'against', 'abstain']),
  choose: new Set<Mark>(['chosen']),
  rank: new Set<Mark>(['ranked']),
  rating: new Set<Mark>(['satisfied', 'basicallySatisfied', 'dissatisfied']),
};

export type BallotProblem =
  | { kind: 'unknownProject'; projectId: number }
  | { kind: 'badMark'; projectId: number }
  | { kind: 'missing'; projectId: number }
  | { kind: 'badRank'; projectId: number; n: number }
  | { kind: 'tooMany'; max: number }
  | { kind: 'overBudget'; total: number; ceiling: number };

/** Counts as a yes: 赞成, a choice, or a place within the places on a rank ballot. */
const isPositive = (c: BallotChoices[number], places: number) =>
  c.mark === 'for' || c.mark === 'chosen' || (c.mark === 'ranked' && (c.rank ?? Infinity) <= places);

/**
 * What is wrong with a ballot (empty: valid). Approve, rank and rating ballots mark every candidate
 * (rank: each a different place 1…n); choose ballots at most N.
 */
export function ballotProblems(
  kind: 'selection' | 'rating',
  rules: SelectionRules | null,
  candidates: readonly Candidate[],
  choices: BallotChoices,
): BallotProblem[] {
  const out: BallotProblem[] = [];
  const byId = new Map(candidates.map((c) => [c.projectId, c]));
  const allowed = kind === 'rating' ? marksOf.rating : marksOf[rules!.form];
  for (const c of choices) {
    if (!byId.has(c.projectId)) out.push({ kind: 'unknownProject', projectId: c.projectId });
    else if (!allowed.has(c.mark) || (c.mark === 'ranked') !== (c.rank !== undefined))
      out.push({ kind: 'badMark', projectId: c.projectId });
  }
  if (kind === 'selection' && rules!.form === 'rank') {
    const seen = new Set<number>();
    for (const c of choices)
      if (c.rank !== undefined && (c.rank > candidates.length || seen.has(c.rank)))
        out.push({ kind: 'badRank', projectId: c.projectId, n: candidates.length });
      else if (c.rank !== undefined) seen.add(c.rank);
  }
  if (kind === 'rating' || rules!.form !== 'choose') {
    const marked = new Set(choices.map((c) => c.projectId));
    for (const c of candidates) if (!marked.has(c.projectId)) out.push({ kind: 'missing', projectId: c.projectId });
  }
  if (kind === 'selection' && rules) {
    const max = rules.form === 'choose' ? (rules.maxChoices ?? rules.places) : candidates.length;
    const positive = choices.filter((c) => isPositive(c, rules.places));
    if (rules.form === 'choose' && positive.length > max) out.push({ kind: 'tooMany', max });
    if (rules.budgetCeiling !== null) {
      const total = positive.reduce((s, c) => s + (byId.get(c.projectId)?.cost ?? 0), 0);
      if (total > rules.budgetCeiling) out.push({ kind: 'overBudget', total, ceiling: rules.budgetCeiling });
    }
  }
  return out;
}

/** A ballot's choices in one canonical order (by project id), as stored and published. */
export function canonicalChoices(choices: BallotChoices): BallotChoices {
  return (
    [...choices]
      .sort((a, b) => a.projectId - b.projectId)
      // Keys in one order (a jsonb round trip reorders them): the stored ballot compares as text.
      .map((c) =>
        c.rank === undefined
          ? { projectId: c.projectId, mark: c.mark }
          : { projectId: c.projectId, mark: c.mark, rank: c.rank },
      )
  );
}

function emptyRow(c: Candidate): ResultRow {
  return {
    projectId: c.projectId,
    title: c.title,
    cost: c.cost,
    for: 0,
    against: 0,
    abstain: 0,
    satisfied: 0,
    basicallySatisfied: 0,
    dissatisfied: 0,
    passed: false,
    rank: null,
    chosen: false,
    tie: false,
    overBudget: false,
    runningTotal: null,
    rating: null,
  };
}

function count(
  candidates: readonly Candidate[],
  ballots: readonly { choices: BallotChoices }[],
  totals: PaperTotals | null,
  places = 0,
) {
  const rows = new Map(candidates.map((c) => [c.projectId, emptyRow(c)]));
  const add = (projectId: number, mark: Mark, n: number, rank?: number) => {
    const row = rows.get(projectId);
    if (!row) return;
    if (mark === 'ranked') {
      row.score = (row.score ?? 0) + n * (candidates.length - rank! + 1);
      if (rank! <= places) row.for += n;
    } else if (mark === 'chosen') row.for += n;
    else row[mark] += n;
  };
  for (const b of ballots) for (const c of b.choices) add(c.projectId, c.mark, 1, c.rank);
  for (const t of totals?.counts ?? []) add(t.projectId, t.mark, t.count);
  return [...rows.values()];
}

/** Ballots counted: the stored ones and the paper ones counted as totals. */
const ballotCount = (ballots: readonly unknown[], totals: PaperTotals | null) =>
  ballots.length + (totals?.returned ?? 0);

const exceeds = (votes: number, base: number, percent: number) => votes * 100 > base * percent;
const neededFor = (base: number, percent: number) => Math.floor((base * percent) / 100) + 1;

function resultOf(
  turnout: Turnout,
  ballots: number,
  base: number,
  percent: number,
  rows: ResultRow[],
  rest: { unresolvedTie: boolean; chosenTotal: number },
): VoteResult {
  return { ...turnout, ballots, base, needed: neededFor(base, percent), rows, ...rest };
}

/** The selection result: counts, threshold, ranks, places, ties and the running total. */
export function tallySelection(
  rules: SelectionRules,
  candidates: readonly Candidate[],
  ballots: readonly { choices: BallotChoices }[],
  turnout: Turnout,
  totals: PaperTotals | null = null,
): VoteResult {
  const rows = count(candidates, ballots, totals, rules.places);
  // Rank votes carry a score on every row (none on other forms).
  if (rules.form === 'rank') for (const r of rows) r.score ??= 0;
  const base = rules.threshold.basis === 'present' ? turnout.present : turnout.members;
  for (const r of rows) r.passed = base > 0 && exceeds(r.for, base, rules.threshold.percent);
  // What orders the candidates: votes, or the Borda score on a rank ballot.
  const key = rules.form === 'rank' ? (r: ResultRow) => r.score! : (r: ResultRow) => r.for;
  const order = new Map(candidates.map((c, i) => [c.projectId, i]));
  const passed = rows
    .filter((r) => r.passed)
    .sort((a, b) => key(b) - key(a) || order.get(a.projectId)! - order.get(b.projectId)!);
  // Ranks: equal votes (scores) share a rank (1, 2, 2, 4).
  passed.forEach((r, i) => (r.rank = i > 0 && key(passed[i - 1]!) === key(r) ? passed[i - 1]!.rank : i + 1));

  let left = rules.places;
  let total = 0;
  let unresolvedTie = false;
  const ceiling = rules.budgetCeiling ?? Infinity;
  for (let i = 0; i < passed.length && left > 0;) {
    // The group of candidates with the same votes.
    let j = i;
    while (j < passed.length && key(passed[j]!) === key(passed[i]!)) j++;
    let group = passed.slice(i, j).filter((r) => {
      if (total + r.cost > ceiling) r.overBudget = true;
      return !r.overBudget;
    });
    if (group.length > left) {
      for (const r of group) r.tie = true;
      if (rules.tieRule === 'revote') {
        unresolvedTie = true;
        group = [];
      } else {
        group.sort((a, b) => a.cost - b.cost);
        const boundary = group[left - 1]!.cost;
        const sure = group.filter((r) => r.cost < boundary);
        const atBoundary = group.filter((r) => r.cost === boundary);
        if (sure.length + atBoundary.length > left) {
          unresolvedTie = true;
          group = sure;
        } else group = group.slice(0, left);
      }
    }
    for (const r of group) {
      if (total + r.cost > ceiling) {
        r.overBudget = true;
        continue;
      }
      r.chosen = true;
      total += r.cost;
      r.runningTotal = total;
      left -= 1;
    }
    i = j;
    if (unresolvedTie) break;
  }
  const ranked = [...rows].sort(
    (a, b) =>
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      key(b) - key(a) ||
      b.for - a.for ||
      order.get(a.projectId)! - order.get(b.projectId)!,
  );
  return resultOf(turnout, ballotCount(ballots, totals), base, rules.threshold.percent, ranked, {
    unresolvedTie,
    chosenTotal: total,
  });
}

/** The year-end rating: 满意 / 基本满意 / 不满意 per project under the configured share. */
export function tallyRating(
  rules: RatingRules,
  candidates: readonly Candidate[],
  ballots: readonly { choices: BallotChoices }[],
  turnout: Turnout,
  totals: PaperTotals | null = null,
): VoteResult {
  const rows = count(candidates, ballots, totals);
  const base = rules.threshold.basis === 'present' ? turnout.present : turnout.members;
  const pct = rules.threshold.percent;
  for (const r of rows) {
    r.rating = exceeds(r.satisfied, base, pct)
      ? 'satisfied'
      : exceeds(r.satisfied + r.basicallySatisfied, base, pct)
        ? 'basicallySatisfied'
        : 'dissatisfied';
    r.passed = r.rating !== 'dissatisfied';
  }
  return resultOf(turnout, ballotCount(ballots, totals), base, pct, rows, { unresolvedTie: false, chosenTotal: 0 });
}
