import {
  decideOn,
  type Decision as TableDecision,
  type Transition as TableTransition,
} from '../../platform/workflow/table.js';
import type { SuggestionActionName, SuggestionState } from '../../../contracts/suggestions.js';

/**
 * A suggestion's handling as one table (after opinions/workflow.ts): for every action, the states
 * it may start from, the state it leads to (null: stays), who may fire it and the rule it must
 * satisfy. `fireInTx` in steps.ts is the only way a suggestion's state changes.
 */

/** In what capacity a person acts on a suggestion (worked out from their account, roles and the suggestion). */
export type Capacity =
  | 'lead' // the lead deputy (领衔代表)
  | 'coSigner' // a co-signer who confirmed (联名代表)
  | 'invitee' // a deputy invited to co-sign who has not answered
  | 'committee' // the deputy affairs committee over the suggestion (代表工委)
  | 'leadUnit' // staff of the lead unit (主办)
  | 'coUnit' // staff of a co-unit (协办)
  | 'separateUnit' // staff of a unit answering separately (分办)
  | 'system'; // the sweep

/** What the rules look at. */
export interface SuggestionFacts {
  state: SuggestionState;
  pendingInvitations: number;
  extensionPending: boolean;
  paused: boolean;
  keySupervision: boolean;
  /** The unit may still return the assignment (today ≤ return_by). */
  returnWindowOpen: boolean;
  /** The lead deputy's rating window has passed (today > rate_by). */
  rateWindowPassed: boolean;
}

export type RuleFailure =
  | 'SUGGESTION_SIGNERS_PENDING'
  | 'SUGGESTION_RETURN_WINDOW'
  | 'SUGGESTION_EXTENSION_PENDING'
  | 'SUGGESTION_NO_EXTENSION_PENDING'
  | 'SUGGESTION_PAUSED'
  | 'SUGGESTION_NOT_PAUSED'
  | 'SUGGESTION_RATE_WINDOW_OPEN'
  | 'SUGGESTION_NOT_KEY';

/** Every action, the sweep's own included. */
export type WorkflowAction = SuggestionActionName | 'commitmentDue';

type Transition = TableTransition<SuggestionState, Capacity, SuggestionFacts, RuleFailure>;

const handling: readonly SuggestionState[] = ['assigned', 'reHandling'];
const answering: readonly Capacity[] = ['leadUnit', 'separateUnit'];
const units: readonly Capacity[] = ['leadUnit', 'coUnit', 'separateUnit'];

export const transitions: Record<WorkflowAction, Transition> = {
  submit: {
    from: ['draft'],
    to: 'submitted',
    who: ['lead'],
    rule: (f) => (f.pendingInvitations > 0 ? 'SUGGESTION_SIGNERS_PENDING' : null),
  },
  withdraw: { from: ['draft', 'submitted', 'accepted', 'assigned'], to: 'withdrawn', who: ['lead'] },
  returnForRevision: { from: ['submitted'], to: 'draft', who: ['committee'] },
  accept: { from: ['submitted'], to: 'accepted', who: ['committee'] },
  notAccept: { from: ['submitted'], to: 'notAccepted', who: ['committee'] },
  convert: { from: ['submitted'], to: 'converted', who: ['committee'] },
  merge: { from: ['submitted', 'accepted'], to: 'merged', who: ['committee'] },
  assign: { from: ['accepted'], to: 'assigned', who: ['committee'] },
  returnAssignment: {
    from: ['assigned'],
    to: null, // back to `accepted` once no unit is left (steps.ts)
    who: answering,
    rule: (f) => (f.returnWindowOpen ? null : 'SUGGESTION_RETURN_WINDOW'),
  },
  coView: { from: handling, to: null, who: ['coUnit'] },
  requestExtension: {
    from: ['assigned'],
    to: null,
    who: answering,
    rule: (f) => (f.extensionPending ? 'SUGGESTION_EXTENSION_PENDING' : null),
  },
  decideExtension: {
    from: ['assigned'],
    to: null,
    who: ['committee'],
    rule: (f) => (f.extensionPending ? null : 'SUGGESTION_NO_EXTENSION_PENDING'),
  },
  pause: { from: handling, to: null, who: ['committee'], rule: (f) => (f.paused ? 'SUGGESTION_PAUSED' : null) },
  resume: { from: handling, to: null, who: ['committee'], rule: (f) => (f.paused ? null : 'SUGGESTION_NOT_PAUSED') },
  progress: { from: handling, to: null, who: answering },
  consult: { from: [...handling, 'answered'], to: null, who: units },
  answer: { from: handling, to: 'answered', who: answering }, // 分办: answered once every unit has (steps.ts)
  rate: { from: ['answered'], to: 'closed', who: ['lead', 'coSigner'] }, // 不满意 → reHandling once (steps.ts)
  close: {
    from: ['answered'],
    to: 'closed',
    who: ['committee'],
    rule: (f) => (f.rateWindowPassed ? null : 'SUGGESTION_RATE_WINDOW_OPEN'),
  },
  markKey: { from: ['accepted', ...handling, 'answered'], to: null, who: ['committee'] },
  keyProgress: {
    from: [...handling, 'answered'],
    to: null,
    who: ['committee'],
    rule: (f) => (f.keySupervision ? null : 'SUGGESTION_NOT_KEY'),
  },
  supervise: { from: handling, to: null, who: ['committee', 'system'] },
  setPublic: { from: ['submitted', 'accepted', ...handling, 'answered', 'closed'], to: null, who: ['committee'] },
  commitmentDue: { from: ['closed'], to: 'reHandling', who: ['system'] },
};

export type Decision = TableDecision<SuggestionState, RuleFailure>;

/** Whether `action` may be fired now by someone acting in `capacities`, and where it leads. */
export function decide(f: SuggestionFacts, action: WorkflowAction, capacities: readonly Capacity[]): Decision {
  return decideOn(transitions, f, action, capacities);
}

/** The actions open to these capacities now (the console's buttons); the sweep's own left out. */
export function allowedActions(f: SuggestionFacts, capacities: readonly Capacity[]): SuggestionActionName[] {
  return (Object.keys(transitions) as WorkflowAction[]).filter(
    (a): a is SuggestionActionName => a !== 'commitmentDue' && decide(f, a, capacities).ok,
  );
}
