import {
  decideOn,
  type Decision as TableDecision,
  type Transition as TableTransition,
} from '../../platform/workflow/table.js';
import {
  dissatisfiedLevels,
  type OpinionActionName,
  type OpinionState,
  type RatingLevel,
  type Tier,
} from '../../../contracts/opinions.js';

/**
 * The closed loop as one table: for every action, the states it may start from, the state it
 * leads to (null: stays), who may fire it, and the rule it must satisfy. Every route goes through
 * `decide`; nothing else changes an opinion's state.
 */

/** In what capacity a person acts on an opinion (worked out from their roles and the opinion's scope). */
export type Capacity =
  | 'officer' // street or district working committee staff over the opinion's station
  | 'station' // the station's liaison officer or head
  | 'deputy' // a deputy of the station
  | 'consultant' // a consultant of the station (双员制)
  | 'leadUnit' // staff of the lead handling unit of the current assignment
  | 'coUnit' // staff of a co-unit of the current assignment
  | 'constituent' // the person who raised it, through the receipt code
  | 'system'; // the deadline sweep

/** What the rules look at. */
export interface OpinionFacts {
  state: OpinionState;
  contactable: boolean;
  tier: Tier | null;
  rating: RatingLevel | null;
  reopenCount: number;
  fedBack: boolean;
  extensionPending: boolean;
  escalated: boolean;
  /**
   * Fed back, not rated, and the constituent's time to rate (a setting, in working days after
   * the feedback) not over yet: staff may not close it as unrated.
   */
  ratingWaitOpen: boolean;
}

export type RuleFailure =
  | 'OPINION_TIER_REQUIRED'
  | 'OPINION_REVIEW_FIRST'
  | 'OPINION_NOT_DISSATISFIED'
  | 'OPINION_NO_EXTENSION_PENDING'
  | 'OPINION_EXTENSION_PENDING'
  | 'OPINION_NOT_ESCALATED'
  | 'OPINION_CONTACTABLE'
  | 'OPINION_RATING_WAIT';

type Transition = TableTransition<OpinionState, Capacity, OpinionFacts, RuleFailure>;

const registerDesk: readonly Capacity[] = ['officer', 'station'];
const onTheSpot: readonly Capacity[] = ['officer', 'station', 'deputy', 'consultant'];
const handling: readonly OpinionState[] = ['assigned', 'inProgress'];

export const transitions: Record<OpinionActionName, Transition> = {
  triage: { from: ['registered', 'triaged'], to: 'triaged', who: registerDesk },
  answer: { from: ['registered', 'triaged'], to: 'answered', who: onTheSpot },
  merge: { from: ['registered', 'triaged'], to: 'merged', who: registerDesk },
  reject: { from: ['registered', 'triaged'], to: 'rejected', who: ['officer'] },
  escalate: {
    from: ['triaged'],
    to: 'escalated',
    who: ['officer'],
    rule: (f) => (f.tier === 'district' || f.tier === 'higher' ? null : 'OPINION_TIER_REQUIRED'),
  },
  assign: { from: ['triaged'], to: 'assigned', who: ['officer'] },
  accept: { from: ['assigned'], to: 'inProgress', who: ['leadUnit'] },
  return: { from: ['assigned'], to: 'triaged', who: ['leadUnit'] },
  requestExtension: {
    from: handling,
    to: null,
    who: ['leadUnit'],
    rule: (f) => (f.extensionPending ? 'OPINION_EXTENSION_PENDING' : null),
  },
  decideExtension: {
    from: handling,
    to: null,
    who: ['officer'],
    rule: (f) => (f.extensionPending ? null : 'OPINION_NO_EXTENSION_PENDING'),
  },
  supervise: { from: handling, to: null, who: ['officer', 'system'] },
  respond: { from: ['inProgress'], to: 'responded', who: ['leadUnit'] },
  feedback: { from: ['answered', 'responded', 'escalated', 'fedBack'], to: 'fedBack', who: onTheSpot },
  rate: { from: ['fedBack'], to: 'rated', who: ['constituent', 'officer', 'station'] },
  reassign: {
    from: ['rated'],
    to: 'assigned',
    who: ['officer'],
    rule: (f) =>
      f.rating && dissatisfiedLevels.includes(f.rating) && f.reopenCount === 0 ? null : 'OPINION_NOT_DISSATISFIED',
  },
  close: {
    from: ['rated', 'fedBack', 'answered', 'responded', 'escalated'],
    to: 'closed',
    who: ['officer', 'station'],
    rule: (f) => {
      if (f.state === 'rated')
        return f.rating && dissatisfiedLevels.includes(f.rating) && f.reopenCount === 0 ? 'OPINION_REVIEW_FIRST' : null;
      // The constituent gets a fair chance to rate first (then it closes as 未评价).
      if (f.state === 'fedBack') return f.ratingWaitOpen ? 'OPINION_RATING_WAIT' : null;
      // Without feedback only an opinion nobody can be told about may close (件件有回音).
      return f.contactable ? 'OPINION_CONTACTABLE' : null;
    },
  },
  linkSuggestion: {
    from: ['escalated', 'fedBack', 'rated', 'closed'],
    to: null,
    // A deputy of the station takes an escalated opinion up into their own suggestion (代表接单).
    who: ['officer', 'deputy'],
    rule: (f) => (f.escalated ? null : 'OPINION_NOT_ESCALATED'),
  },
};

export type Decision = TableDecision<OpinionState, RuleFailure>;

/** Whether `action` may be fired now by someone acting in `capacities`, and where it leads. */
export function decide(f: OpinionFacts, action: OpinionActionName, capacities: readonly Capacity[]): Decision {
  return decideOn(transitions, f, action, capacities);
}

/** The actions open to these capacities now (for the console's buttons). */
export function allowedActions(f: OpinionFacts, capacities: readonly Capacity[]): OpinionActionName[] {
  return (Object.keys(transitions) as OpinionActionName[]).filter((a) => decide(f, a, capacities).ok);
}

/** How a closed opinion ended, from the facts at closing. */
export function outcomeAtClose(f: OpinionFacts): 'satisfied' | 'dissatisfiedAfterReview' | 'unrated' | 'noContact' {
  if (f.state === 'rated')
    return f.rating && dissatisfiedLevels.includes(f.rating) ? 'dissatisfiedAfterReview' : 'satisfied';
  if (f.state === 'fedBack') return 'unrated';
  return 'noContact';
}

/** The facts after an accepted action (the parts the rules look at). */
export function applyToFacts(
  f: OpinionFacts,
  action: OpinionActionName,
  to: OpinionState,
  input: { tier?: Tier; level?: RatingLevel } = {},
): OpinionFacts {
  const next = { ...f, state: to };
  switch (action) {
    case 'triage':
      next.tier = input.tier ?? f.tier;
      break;
    case 'escalate':
      next.escalated = true;
      break;
    case 'requestExtension':
      next.extensionPending = true;
      break;
    case 'decideExtension':
    case 'return':
      next.extensionPending = false;
      break;
    case 'feedback':
      next.fedBack = true;
      break;
    case 'rate':
      next.rating = input.level ?? null;
      break;
    case 'reassign':
      next.reopenCount = f.reopenCount + 1;
      next.rating = null;
      next.fedBack = false;
      next.extensionPending = false;
      break;
  }
  return next;
}
