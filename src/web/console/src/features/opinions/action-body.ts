import type { Dayjs } from 'dayjs';
import type {
  FeedbackChannel,
  OpinionActionInput,
  OpinionActionName,
  RatingLevel,
  ResultType,
  SupervisionLevel,
  Tier,
  Urgency,
} from '../../app/contracts.js';

/** The fields of every step's form (named as in the request body, so the server's field errors land on them). */
export interface ActionValues {
  categoryId?: number;
  tier?: Tier;
  urgency?: Urgency;
  tags?: string[];
  answer?: string;
  answeredBy?: string;
  targetId?: number;
  note?: string;
  reason?: string;
  tellConstituent?: boolean;
  deputyIds?: number[];
  leadUnitId?: number;
  coUnitIds?: number[];
  deadlineDays?: number | null;
  /** How the assignment is signed (签字交办): by the head in the system, on paper (name + scan), or by the head themselves. */
  signOff?: 'online' | 'paper' | 'self';
  signedBy?: string;
  signedAt?: Dayjs | null;
  signOffFileId?: number;
  days?: number;
  approve?: boolean;
  supervisionLevel?: SupervisionLevel;
  response?: string;
  resultType?: ResultType;
  /** The unit's evidence: files it attached to the opinion, sent with the answer. */
  fileIds?: number[];
  channel?: FeedbackChannel;
  content?: string;
  ratingLevel?: RatingLevel;
  comment?: string;
  suggestionRef?: string;
}

/** The form fields each step shows (also where the server's field errors may land). */
export const actionFields: Record<OpinionActionName, readonly (keyof ActionValues)[]> = {
  triage: ['categoryId', 'tier', 'urgency', 'tags'],
  answer: ['answer', 'answeredBy'],
  merge: ['targetId', 'note'],
  reject: ['reason', 'tellConstituent'],
  escalate: ['deputyIds', 'note'],
  assign: ['leadUnitId', 'coUnitIds', 'deadlineDays', 'signOff', 'signedBy', 'signedAt', 'signOffFileId', 'note'],
  reassign: ['leadUnitId', 'coUnitIds', 'deadlineDays', 'signOff', 'signedBy', 'signedAt', 'signOffFileId', 'note'],
  accept: [],
  return: ['reason'],
  requestExtension: ['days', 'reason'],
  decideExtension: ['approve', 'note'],
  supervise: ['supervisionLevel', 'note'],
  respond: ['response', 'resultType', 'fileIds'],
  feedback: ['channel', 'content'],
  rate: ['ratingLevel', 'comment'],
  close: ['note'],
  linkSuggestion: ['suggestionRef'],
};

/** Where a server field path lands in the form: the two `level`s have their own names here. */
export function actionFieldOf(action: OpinionActionName, field: string): string {
  if (field === 'level') return action === 'rate' ? 'ratingLevel' : 'supervisionLevel';
  return field;
}

const text = (value: string | undefined) => value?.trim() || null;
const required = (value: string | undefined) => (value ?? '').trim();

/** The request body of a step from its form's values (the form has validated what is required). */
export function actionBody(action: OpinionActionName, v: ActionValues): OpinionActionInput {
  switch (action) {
    case 'triage':
      return {
        action,
        categoryId: v.categoryId ?? 0,
        tier: v.tier ?? 'street',
        urgency: v.urgency,
        tags: v.tags ?? [],
      };
    case 'answer':
      return { action, answer: required(v.answer), answeredBy: text(v.answeredBy) };
    case 'merge':
      return { action, targetId: v.targetId ?? 0, note: text(v.note) };
    case 'reject':
      return { action, reason: required(v.reason), tellConstituent: v.tellConstituent ?? false };
    case 'escalate':
      return { action, deputyIds: v.deputyIds ?? [], note: text(v.note) };
    case 'assign':
    case 'reassign':
      return {
        action,
        leadUnitId: v.leadUnitId ?? 0,
        coUnitIds: (v.coUnitIds ?? []).filter((id) => id !== v.leadUnitId),
        deadlineDays: v.deadlineDays ?? undefined,
        // Signed by the head themselves: the server names them.
        ...(v.signOff === 'self'
          ? {}
          : {
              signedBy: required(v.signedBy),
              signedAt: v.signedAt ? v.signedAt.toISOString() : undefined,
              signOffFileId: v.signOffFileId,
            }),
        note: text(v.note),
      };
    case 'accept':
      return { action };
    case 'return':
      return { action, reason: required(v.reason) };
    case 'requestExtension':
      return { action, days: v.days ?? 0, reason: required(v.reason) };
    case 'decideExtension':
      return { action, approve: v.approve ?? false, note: text(v.note) };
    case 'supervise':
      return { action, level: v.supervisionLevel ?? 'reminder', note: required(v.note) };
    case 'respond':
      return {
        action,
        response: required(v.response),
        resultType: v.resultType ?? 'solved',
        fileIds: v.fileIds ?? [],
      };
    case 'feedback':
      return { action, channel: v.channel ?? 'sms', content: required(v.content) };
    case 'rate':
      return { action, level: v.ratingLevel ?? 'satisfied', comment: text(v.comment) };
    case 'close':
      return { action, note: text(v.note) };
    case 'linkSuggestion':
      return { action, suggestionRef: required(v.suggestionRef) };
  }
}
