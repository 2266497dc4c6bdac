import type { AnswerClass, Satisfaction, SuggestionActionName } from '../../../../../contracts/suggestions.js';
import type { SuggestionActionInput } from './api.js';

type Exclusion = Extract<SuggestionActionInput, { action: 'notAccept' }>['exclusions'];
type Consult = Extract<SuggestionActionInput, { action: 'consult' }>;

/** The fields of every step's form (named as in the request body, so that the server's field errors land on them). */
export interface ActionValues {
  reason?: string;
  note?: string;
  exclusions?: Exclusion;
  stationId?: number;
  intoId?: number;
  mode?: 'joint' | 'separate';
  leadUnitId?: number;
  coUnitIds?: number[];
  unitIds?: number[];
  view?: string;
  months?: number;
  approve?: boolean;
  /** `datetime-local` text (the browser's time zone). */
  at?: string;
  method?: Consult['method'];
  stage?: Consult['stage'];
  attendees?: string;
  notes?: string;
  answerClass?: AnswerClass;
  content?: string;
  commitmentDate?: string;
  signedBy?: string;
  communication?: Satisfaction;
  result?: Satisfaction;
  comment?: string;
  key?: boolean;
  leaders?: string;
  publishable?: boolean;
}

/** The form fields each step shows (also where the server's field errors may land). */
export const actionFields: Record<SuggestionActionName, readonly (keyof ActionValues)[]> = {
  submit: [],
  withdraw: ['reason'],
  returnForRevision: ['reason'],
  accept: ['note'],
  notAccept: ['reason', 'exclusions'],
  convert: ['reason', 'stationId'],
  merge: ['intoId', 'reason'],
  assign: ['mode', 'leadUnitId', 'coUnitIds', 'unitIds'],
  returnAssignment: ['reason'],
  coView: ['view'],
  requestExtension: ['months', 'reason'],
  decideExtension: ['approve', 'months', 'reason'],
  pause: ['reason'],
  resume: ['note'],
  progress: ['note'],
  consult: ['at', 'method', 'stage', 'attendees', 'notes'],
  answer: ['answerClass', 'content', 'commitmentDate', 'signedBy'],
  rate: ['communication', 'result', 'comment'],
  close: ['note'],
  markKey: ['key', 'leaders'],
  keyProgress: ['note'],
  supervise: ['note'],
  setPublic: ['publishable', 'reason'],
};

const optional = (value: string | undefined) => value?.trim() || undefined;
const required = (value: string | undefined) => (value ?? '').trim();

/** Whether an answer of this class must name the date by which it will be solved (B and C). */
export const needsCommitment = (c: AnswerClass | undefined) => c === 'B' || c === 'C';

/** The request body of a step from its form's values (the form has checked what is required). */
export function actionBody(action: SuggestionActionName, v: ActionValues): SuggestionActionInput {
  switch (action) {
    case 'submit':
      return { action };
    case 'withdraw':
    case 'returnForRevision':
    case 'returnAssignment':
    case 'pause':
      return { action, reason: required(v.reason) };
    case 'accept':
    case 'resume':
    case 'close':
      return { action, note: optional(v.note) };
    case 'progress':
    case 'keyProgress':
      return { action, note: required(v.note) };
    case 'supervise':
      return { action, note: required(v.note) };
    case 'notAccept':
      return { action, reason: required(v.reason), exclusions: v.exclusions ?? [] };
    case 'convert':
      return { action, reason: required(v.reason), stationId: v.stationId ?? 0 };
    case 'merge':
      return { action, intoId: v.intoId ?? 0, reason: optional(v.reason) };
    case 'assign':
      return v.mode === 'separate'
        ? { action, mode: 'separate', unitIds: v.unitIds ?? [] }
        : {
            action,
            mode: 'joint',
            leadUnitId: v.leadUnitId,
            coUnitIds: (v.coUnitIds ?? []).filter((id) => id !== v.leadUnitId),
          };
    case 'coView':
      return { action, view: required(v.view) };
    case 'requestExtension':
      return { action, months: v.months ?? 1, reason: required(v.reason) };
    case 'decideExtension':
      return {
        action,
        approve: v.approve ?? false,
        months: v.approve ? v.months : undefined,
        reason: optional(v.reason),
      };
    case 'consult':
      return {
        action,
        at: new Date(v.at ?? Date.now()).toISOString(),
        method: v.method ?? 'faceToFace',
        stage: v.stage ?? 'before',
        attendees: required(v.attendees),
        notes: optional(v.notes),
      };
    case 'answer':
      return {
        action,
        answerClass: v.answerClass ?? 'A',
        content: required(v.content),
        commitmentDate: needsCommitment(v.answerClass) ? v.commitmentDate : undefined,
        signedBy: required(v.signedBy),
      };
    case 'rate':
      return {
        action,
        communication: v.communication ?? 'satisfied',
        result: v.result ?? 'satisfied',
        comment: optional(v.comment),
      };
    case 'markKey':
      return { action, key: v.key ?? false, leaders: v.key ? optional(v.leaders) : undefined };
    case 'setPublic':
      return { action, publishable: v.publishable ?? true, reason: v.publishable ? undefined : optional(v.reason) };
  }
}
