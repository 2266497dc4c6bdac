import type { SuggestionActionName, SuggestionState } from '../../../../../contracts/suggestions.js';

/** The colour of each state's tag: open work blue, waiting on someone orange, finished green or grey. */
export const stateColors: Record<SuggestionState, string> = {
  draft: 'default',
  submitted: 'orange',
  accepted: 'gold',
  assigned: 'blue',
  answered: 'cyan',
  reHandling: 'volcano',
  closed: 'green',
  notAccepted: 'red',
  converted: 'purple',
  withdrawn: 'default',
  merged: 'default',
};

/** The order of the step buttons (the order the handling runs), so that they do not move about. */
export const actionOrder: readonly SuggestionActionName[] = [
  'submit',
  'accept',
  'returnForRevision',
  'notAccept',
  'convert',
  'merge',
  'assign',
  'consult',
  'answer',
  'coView',
  'progress',
  'requestExtension',
  'decideExtension',
  'returnAssignment',
  'rate',
  'close',
  'supervise',
  'markKey',
  'keyProgress',
  'pause',
  'resume',
  'setPublic',
  'withdraw',
];

/** Steps that end or turn back someone's work: red buttons. */
export const dangerousActions = new Set<SuggestionActionName>([
  'withdraw',
  'returnForRevision',
  'notAccept',
  'returnAssignment',
]);

/** Steps that move the suggestion forward: the primary buttons. */
export const primaryActions = new Set<SuggestionActionName>(['submit', 'accept', 'assign', 'answer', 'rate']);

const monospace = 'ui-monospace, Menlo, Consolas, monospace';
export const numberStyle = { fontFamily: monospace, whiteSpace: 'nowrap' } as const;
