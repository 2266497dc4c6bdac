import { describe, expect, it } from 'vitest';
import type { BallotChoices, Mark, SelectionRules } from '../../../contracts/projects.js';
import { ballotProblems, tallyRating, tallySelection, type Candidate } from './tally.js';

// Fixtures with the results worked out by hand in the comments.

const A: Candidate = { projectId: 1, title: 'A', cost: 100 };
const B: Candidate = { projectId: 2, title: 'B', cost: 200 };
const C: Candidate = { projectId: 3, title: 'C', cost: 300 };
const D: Candidate = { projectId: 4, title: 'D', cost: 150 };
const E: Candidate = { projectId: 5, title: 'E', cost: 50 };
const five = [A, B, C, D, E];

/** `n` ballots; candidate k gets `positive` for the first counts[k] ballots and `negative` after. */
function ballots(n: number, counts: number[], positive: Mark = 'for', negative: Mark = 'against') {
  return Array.from({ length: n }, (_, i) => ({
    choices: counts.map((c, k) => ({ projectId: k + 1, mark: i < c ? positive : negative })) as BallotChoices,
  }));
}

const rules = (over: Partial<SelectionRules> = {}): SelectionRules => ({
  places: 3,
  form: 'approve',
  threshold: { basis: 'present', percent: 50 },
  tieRule: 'lowerCost',
  budgetCeiling: null,
  ...over,
});
const turnout = (present: number, members = 20) => ({ members, present, electronic: present, paper: 0, spoiled: 0 });

const pick = (r: ReturnType<typeof tallySelection>) =>
  Object.fromEntries(r.rows.map((x) => [x.title, { for: x.for, passed: x.passed, rank: x.rank, chosen: x.chosen }]));

describe('the selection count', () => {
  it('more than half of those present: 10 present need 6; ranks share ties; places filled in rank order', () => {
    // A 9, B 7, C 7, D 6, E 5 of 10 → E (5 = half) fails; ranks A 1, B 2, C 2, D 4; three places → A, B, C.
    const r = tallySelection(rules(), five, ballots(10, [9, 7, 7, 6, 5]), turnout(10));
    expect(r.needed).toBe(6);
    expect(pick(r)).toEqual({
      A: { for: 9, passed: true, rank: 1, chosen: true },
      B: { for: 7, passed: true, rank: 2, chosen: true },
      C: { for: 7, passed: true, rank: 2, chosen: true },
      D: { for: 6, passed: true, rank: 4, chosen: false },
      E: { for: 5, passed: false, rank: null, chosen: false },
    });
    // Running total in the order chosen: 100, 300, 600.
    expect(r.rows.filter((x) => x.chosen).map((x) => x.runningTotal)).toEqual([100, 300, 600]);
    expect(r.chosenTotal).toBe(600);
    expect(r.unresolvedTie).toBe(false);
  });

  it('of all members: 20 members need 11, so 9 of 10 present is not enough', () => {
    const r = tallySelection(
      rules({ threshold: { basis: 'members', percent: 50 } }),
      five,
      ballots(10, [9, 7, 7, 6, 5]),
      turnout(10),
    );
    expect(r.needed).toBe(11);
    expect(r.rows.every((x) => !x.passed && !x.chosen)).toBe(true);
  });

  it('a tie for the last place: lowerCost takes the cheaper one; revote chooses neither and flags a re-vote', () => {
    // Two places; A 9 is sure; B and C tie at 7 for the one place left.
    const lower = tallySelection(rules({ places: 2 }), five, ballots(10, [9, 7, 7, 6, 5]), turnout(10));
    expect(lower.rows.filter((x) => x.chosen).map((x) => x.title)).toEqual(['A', 'B']);
    expect(lower.rows.filter((x) => x.tie).map((x) => x.title)).toEqual(['B', 'C']);
    expect(lower.unresolvedTie).toBe(false);

    const revote = tallySelection(
      rules({ places: 2, tieRule: 'revote' }),
      five,
      ballots(10, [9, 7, 7, 6, 5]),
      turnout(10),
    );
    expect(revote.rows.filter((x) => x.chosen).map((x) => x.title)).toEqual(['A']);
    expect(revote.unresolvedTie).toBe(true);

    // Equal cost: lowerCost cannot decide either.
    const same = [A, { ...B, cost: 300 }, C, D, E];
    const undecided = tallySelection(rules({ places: 2 }), same, ballots(10, [9, 7, 7, 6, 5]), turnout(10));
    expect(undecided.rows.filter((x) => x.chosen).map((x) => x.title)).toEqual(['A']);
    expect(undecided.unresolvedTie).toBe(true);
  });

  it('the budget ceiling: a project that would exceed it is skipped and the next one takes the place', () => {
    // Ceiling 450: A 100 → 100, B 200 → 300, C 300 would make 600 → skipped, D 150 → 450.
    const r = tallySelection(rules({ budgetCeiling: 450 }), five, ballots(10, [9, 7, 7, 6, 5]), turnout(10));
    expect(r.rows.filter((x) => x.chosen).map((x) => x.title)).toEqual(['A', 'B', 'D']);
    expect(r.rows.find((x) => x.title === 'C')!.overBudget).toBe(true);
    expect(r.chosenTotal).toBe(450);
  });

  it('choose up to N: a mark counts as a vote for', () => {
    // 7 ballots choose A, 4 choose B, 2 choose C; present 7 → need 4; places 2 → A and B.
    const list = [
      ...Array.from({ length: 2 }, () => ({
        choices: [1, 2, 3].map((id) => ({ projectId: id, mark: 'chosen' as Mark })),
      })),
      ...Array.from({ length: 2 }, () => ({
        choices: [1, 2].map((id) => ({ projectId: id, mark: 'chosen' as Mark })),
      })),
      ...Array.from({ length: 3 }, () => ({ choices: [{ projectId: 1, mark: 'chosen' as Mark }] })),
    ];
    const r = tallySelection(rules({ form: 'choose', places: 2 }), [A, B, C], list, turnout(7));
    expect(r.needed).toBe(4);
    expect(r.rows.map((x) => [x.title, x.for, x.chosen])).toEqual([
      ['A', 7, true],
      ['B', 4, true],
      ['C', 2, false],
    ]);
  });
});

describe('the ballot check', () => {
  it('an approve ballot marks every candidate; choose keeps to N; the ceiling holds on the ballot', () => {
    const approve = rules({ budgetCeiling: 400 });
    expect(ballotProblems('selection', approve, [A, B], [{ projectId: 1, mark: 'for' }])).toEqual([
      { kind: 'missing', projectId: 2 },
    ]);
    expect(
      ballotProblems(
        'selection',
        approve,
        [A, B, C],
        [
          { projectId: 1, mark: 'for' },
          { projectId: 2, mark: 'abstain' },
          { projectId: 3, mark: 'for' },
        ],
      ),
    ).toEqual([]); // 100 + 300 = 400: at the ceiling is allowed
    expect(
      ballotProblems(
        'selection',
        approve,
        [A, B, C],
        [
          { projectId: 1, mark: 'for' },
          { projectId: 2, mark: 'for' },
          { projectId: 3, mark: 'for' },
        ],
      ),
    ).toEqual([{ kind: 'overBudget', total: 600, ceiling: 400 }]);
    const choose = rules({ form: 'choose', places: 1 });
    expect(
      ballotProblems(
        'selection',
        choose,
        [A, B],
        [
          { projectId: 1, mark: 'chosen' },
          { projectId: 2, mark: 'chosen' },
        ],
      ),
    ).toEqual([{ kind: 'tooMany', max: 1 }]);
    expect(ballotProblems('selection', choose, [A, B], [{ projectId: 9, mark: 'chosen' }])).toEqual([
      { kind: 'unknownProject', projectId: 9 },
    ]);
    expect(ballotProblems('rating', null, [A], [{ projectId: 1, mark: 'for' }])).toEqual([
      { kind: 'badMark', projectId: 1 },
    ]);
  });
});

describe('the year-end rating rule', () => {
  it('满意 if 满意 > half of all members; 基本满意 if 满意 + 基本满意 > half; otherwise 不满意', () => {
    // 10 members, 8 present; half of the members is 5, so 6 are needed.
    // P1: 6 满意 → 满意. P2: 5 满意 (exactly half, not more) + 1 基本满意 = 6 → 基本满意. P3: 3 + 2 = 5 → 不满意.
    const marks: Mark[][] = [
      ['satisfied', 'satisfied', 'satisfied'],
      ['satisfied', 'satisfied', 'satisfied'],
      ['satisfied', 'satisfied', 'satisfied'],
      ['satisfied', 'satisfied', 'basicallySatisfied'],
      ['satisfied', 'satisfied', 'basicallySatisfied'],
      ['satisfied', 'basicallySatisfied', 'dissatisfied'],
      ['basicallySatisfied', 'dissatisfied', 'dissatisfied'],
      ['dissatisfied', 'dissatisfied', 'dissatisfied'],
    ];
    const list = marks.map((m) => ({ choices: m.map((mark, k) => ({ projectId: k + 1, mark })) }));
    const r = tallyRating({ threshold: { basis: 'members', percent: 50 } }, [A, B, C], list, turnout(8, 10));
    expect(r.rows.map((x) => [x.satisfied, x.basicallySatisfied, x.dissatisfied, x.rating])).toEqual([
      [6, 1, 1, 'satisfied'],
      [5, 1, 2, 'basicallySatisfied'],
      [3, 2, 3, 'dissatisfied'],
    ]);
    // Of those present instead (8 → 5 needed): P2 becomes 满意 (5 > 4), P3 基本满意 (5 > 4).
    const present = tallyRating({ threshold: { basis: 'present', percent: 50 } }, [A, B, C], list, turnout(8, 10));
    expect(present.rows.map((x) => x.rating)).toEqual(['satisfied', 'satisfied', 'basicallySatisfied']);
  });
});
