import { z } from 'zod';
import { Id, IdParam, PageQuery, Phone } from './common.js';

/** The states of the closed loop (DESIGN.md, "The closed loop"). */
export const opinionStates = [
  'registered',
  'triaged',
  'answered',
  'assigned',
  'inProgress',
  'responded',
  'fedBack',
  'rated',
  'closed',
  'merged',
  'rejected',
  'escalated',
] as const;
export const OpinionState = z.enum(opinionStates);
export type OpinionState = z.infer<typeof OpinionState>;

export const Channel = z.enum(['reception', 'online', 'qrCode', 'phone', 'visit', 'letter', 'informant']);
export type Channel = z.infer<typeof Channel>;
export const Tier = z.enum(['street', 'district', 'higher']);
export type Tier = z.infer<typeof Tier>;
export const Urgency = z.enum(['normal', 'urgent']);
export const RatingLevel = z.enum([
  'verySatisfied',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'veryDissatisfied',
]);
export type RatingLevel = z.infer<typeof RatingLevel>;
export const ResultType = z.enum(['solved', 'beingSolved', 'explained', 'cannotSolve']);
export const FeedbackChannel = z.enum(['sms', 'phone', 'letter', 'inPerson', 'online']);
export const SupervisionLevel = z.enum(['reminder', 'supervision', 'escalation']);
export const Outcome = z.enum(['satisfied', 'dissatisfiedAfterReview', 'unrated', 'noContact', 'merged', 'rejected']);

/** Ratings that count as dissatisfied (they reopen the opinion once). */
export const dissatisfiedLevels: readonly RatingLevel[] = ['dissatisfied', 'veryDissatisfied'];

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();

export const Constituent = z
  .object({
    anonymous: z.boolean().default(false),
    name: optText(50),
    phone: Phone.nullable().optional(),
    address: optText(200),
  })
  .refine((c) => c.anonymous || !!c.name || !!c.phone, {
    message: '请填写姓名或电话，或选择匿名|Give a name or a phone number, or choose anonymous',
    path: ['name'],
  });

export const RegisterOpinion = z.object({
  orgId: Id.meta({ description: 'the station (or working committee) where the opinion is registered' }),
  channel: Channel,
  receptionId: Id.nullable().optional(),
  informantId: Id.nullable()
    .optional()
    .meta({ description: 'the station’s informant (民情联络员) who passed it on; required for channel informant' }),
  content: text(5000),
  location: optText(200),
  categoryId: Id.nullable().optional(),
  deputyIds: z.array(Id).max(20).default([]).meta({ description: 'deputies present / addressed' }),
  constituent: Constituent,
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional()
    .meta({ description: 'a retry with the same key returns the first result instead of a second opinion' }),
});
export type RegisterOpinion = z.infer<typeof RegisterOpinion>;

const Sign = {
  signedBy: optText(50).meta({
    description:
      'a paper sign-off: the head who signed (交办签批), with the scan in signOffFileId; omitted when the street office head assigns (signs) it themselves',
  }),
  signOffFileId: Id.optional().meta({ description: 'the scan of the paper sign-off: a file attached to this opinion' }),
  signedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'when the head signed (default now); the working-day time limit runs from that day' }),
};

/** Every step of the loop, one body shape per action (`POST /api/opinions/{id}/actions`). */
export const OpinionAction = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('triage'),
    categoryId: Id,
    tier: Tier,
    urgency: Urgency.default('normal'),
    tags: z.array(text(20)).max(10).default([]),
  }),
  z.object({ action: z.literal('answer'), answer: text(5000), answeredBy: optText(50) }),
  z.object({ action: z.literal('merge'), targetId: Id, note: optText(500) }),
  z.object({ action: z.literal('reject'), reason: text(500), tellConstituent: z.boolean().default(false) }),
  z.object({
    action: z.literal('escalate'),
    deputyIds: z.array(Id).min(1).max(20),
    note: optText(1000),
  }),
  z.object({
    action: z.literal('assign'),
    leadUnitId: Id,
    coUnitIds: z.array(Id).max(10).default([]),
    deadlineDays: z.number().int().min(1).max(90).optional(),
    note: optText(1000),
    ...Sign,
  }),
  z.object({ action: z.literal('accept') }),
  z.object({ action: z.literal('return'), reason: text(500) }),
  z.object({ action: z.literal('requestExtension'), days: z.number().int().min(1).max(30), reason: text(500) }),
  z.object({ action: z.literal('decideExtension'), approve: z.boolean(), note: optText(500) }),
  z.object({ action: z.literal('supervise'), level: SupervisionLevel, note: text(500) }),
  z.object({
    action: z.literal('respond'),
    response: text(5000),
    resultType: ResultType,
    fileIds: z
      .array(Id)
      .max(12)
      .default([])
      .meta({ description: 'evidence (photos, PDFs) the unit attached to this opinion, shown with its answer' }),
  }),
  z.object({ action: z.literal('feedback'), channel: FeedbackChannel, content: text(2000) }),
  z.object({ action: z.literal('rate'), level: RatingLevel, comment: optText(500) }),
  z.object({
    action: z.literal('reassign'),
    leadUnitId: Id,
    coUnitIds: z.array(Id).max(10).default([]),
    deadlineDays: z.number().int().min(1).max(90).optional(),
    note: optText(1000),
    ...Sign,
  }),
  z.object({ action: z.literal('close'), note: optText(500) }),
  z.object({ action: z.literal('linkSuggestion'), suggestionRef: text(100) }),
]);
export type OpinionAction = z.infer<typeof OpinionAction>;
export type OpinionActionName = OpinionAction['action'];
export const opinionActionNames = OpinionAction.options.map((o) => o.shape.action.value);

export const OpinionEventView = z.object({
  id: z.number(),
  action: z.string(),
  fromState: OpinionState.nullable(),
  toState: OpinionState,
  actorKind: z.enum(['staff', 'constituent', 'system']),
  actorName: z.string().nullable(),
  unitName: z.string().nullable(),
  note: z.string().nullable(),
  publicNote: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});

export const AssignmentView = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  isLead: z.boolean(),
  round: z.number(),
  state: z.enum(['assigned', 'accepted', 'returned', 'responded', 'withdrawn']),
  deadline: z.string(),
  acceptBy: z.string(),
  signedBy: z.string(),
  signedAt: z.string(),
  signOffKind: z.enum(['paper', 'online', 'self']).meta({
    description:
      'paper: a typed name (scan in signOffFileId); online: approved in the head’s queue; self: assigned by the head',
  }),
  signOffFileId: z.number().nullable(),
  response: z.string().nullable(),
  responseFileIds: z.array(z.number()).meta({ description: 'the files (of `files`) the unit gave with its answer' }),
  resultType: ResultType.nullable(),
  extensionDays: z.number().nullable(),
  extensionReason: z.string().nullable(),
  extensionState: z.enum(['requested', 'approved', 'refused']).nullable(),
});

export const OpinionSummary = z
  .object({
    id: z.number(),
    receiptCode: z.string(),
    state: OpinionState,
    channel: Channel,
    orgId: z.number(),
    orgName: z.string(),
    categoryId: z.number().nullable(),
    categoryName: z.string().nullable(),
    tier: Tier.nullable(),
    urgency: Urgency,
    excerpt: z.string(),
    constituentName: z.string().nullable().meta({ description: 'masked' }),
    constituentPhone: z.string().nullable().meta({ description: 'masked' }),
    anonymous: z.boolean(),
    leadUnitName: z.string().nullable(),
    deadline: z.string().nullable(),
    overdue: z.boolean(),
    supervisionLevel: SupervisionLevel.nullable(),
    returnCount: z.number(),
    extensionCount: z.number(),
    rating: RatingLevel.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'OpinionSummary' });
export type OpinionSummary = z.infer<typeof OpinionSummary>;

export const OpinionFileView = z.object({
  id: z.number(),
  name: z.string().nullable(),
  contentType: z.string(),
  size: z.number(),
  unitName: z.string().nullable().meta({ description: 'set when a handling unit attached it' }),
  createdAt: z.string(),
});

/** An assignment waiting for the street office head's sign-off (签字交办), or decided. */
export const SignOffRequest = z.object({
  action: z.enum(['assign', 'reassign']),
  leadUnitId: Id,
  coUnitIds: z.array(Id).max(10).default([]),
  deadlineDays: z.number().int().min(1).max(90).optional(),
  note: optText(1000),
});
export type SignOffRequest = z.infer<typeof SignOffRequest>;

export const SignOffState = z.enum(['pending', 'approved', 'declined', 'withdrawn']);
export const SignOffView = z
  .object({
    id: z.number(),
    opinionId: z.number(),
    receiptCode: z.string(),
    excerpt: z.string(),
    orgName: z.string(),
    urgency: Urgency,
    action: z.enum(['assign', 'reassign']),
    leadUnitName: z.string(),
    coUnitNames: z.array(z.string()),
    deadlineDays: z.number().nullable(),
    note: z.string().nullable(),
    state: SignOffState,
    requestedByName: z.string(),
    requestedAt: z.string(),
    decidedByName: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'SignOffView' });
export type SignOffView = z.infer<typeof SignOffView>;

export const SignOffDecision = z
  .object({ approve: z.boolean(), note: optText(500) })
  .refine((d) => d.approve || !!d.note, { path: ['note'], message: '退回须说明理由|Give the reason for declining' });

export const SignOffListQuery = z.object({
  state: SignOffState.default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const OpinionView = OpinionSummary.extend({
  content: z.string(),
  location: z.string().nullable(),
  tags: z.array(z.string()),
  contactable: z.boolean(),
  mergedInto: z.number().nullable(),
  mergedCount: z.number(),
  reopenCount: z.number(),
  outcome: Outcome.nullable(),
  suggestionRef: z.string().nullable(),
  receptionId: z.number().nullable(),
  informantName: z.string().nullable(),
  deputies: z.array(z.object({ id: z.number(), name: z.string() })),
  assignments: z.array(AssignmentView),
  events: z.array(OpinionEventView),
  files: z.array(OpinionFileView),
  allowedActions: z.array(z.string()).meta({ description: 'the actions this user may take now' }),
  pendingSignOff: SignOffView.nullable().meta({ description: 'an assignment waiting for the head’s sign-off' }),
  ratingWaitUntil: z.string().nullable().meta({
    description:
      'fed back and not rated: the day (YYYY-MM-DD, China) from which it may be closed as unrated (LIAISON_OPINION_RATING_WAIT_DAYS working days after the feedback)',
  }),
  closeWaits: z
    .boolean()
    .meta({ description: 'this user could close it but for the constituent’s time to rate (until ratingWaitUntil)' }),
}).meta({ id: 'Opinion' });
export type OpinionView = z.infer<typeof OpinionView>;

export const ListOpinionsQuery = PageQuery.extend({
  state: z
    .union([OpinionState, z.string().regex(/^[a-zA-Z]+(,[a-zA-Z]+)*$/)])
    .optional()
    .meta({ description: 'a state, or several separated by commas' }),
  categoryId: IdParam.optional(),
  orgId: IdParam.optional().meta({ description: 'a station or any body above it' }),
  unitId: IdParam.optional(),
  tier: Tier.optional(),
  channel: Channel.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  dueSoon: z
    .enum(['true'])
    .optional()
    .meta({ description: 'being handled, not overdue, the deadline within the next 3 days' }),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  q: z.string().trim().max(100).optional().meta({ description: 'full-text search over the content' }),
  todo: z.string().max(30).optional().meta({ description: 'one of the to-do queues, e.g. toAccept' }),
});
export type ListOpinionsQuery = z.infer<typeof ListOpinionsQuery>;

export const todoQueues = [
  'toSort',
  'toAssign',
  'toAccept',
  'toRespond',
  'toDecide',
  'toFeedBack',
  'toRate',
  'toReview',
  'toClose',
] as const;
export const TodoQueue = z.enum(todoQueues);
export type TodoQueue = z.infer<typeof TodoQueue>;
export const TodoCounts = z.object({
  queues: z.array(z.object({ queue: TodoQueue, count: z.number() })),
  overdue: z.number().meta({ description: 'opinions in my scope past their deadline' }),
  dueSoon: z.number().meta({ description: 'being handled, the deadline within 3 days' }),
  signOffs: z.number().meta({ description: 'assignments waiting for my sign-off (street office heads)' }),
});

export const RegisterResult = z.object({ id: z.number(), receiptCode: z.string(), state: OpinionState });

export const Hints = z.object({
  categories: z.array(z.object({ id: z.number(), name: z.string(), parentName: z.string().nullable() })),
  duplicates: z.array(z.object({ id: z.number(), receiptCode: z.string(), excerpt: z.string(), state: OpinionState })),
  units: z.array(z.object({ id: z.number(), name: z.string(), reason: z.enum(['category', 'history']) })),
});
export const HintsQuery = z.object({
  orgId: IdParam,
  text: z.string().max(5000),
  categoryId: IdParam.optional(),
});

export const CategoryView = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  keywords: z.array(z.string()),
  defaultUnitId: z.number().nullable(),
  defaultDeadlineDays: z.number().nullable(),
  active: z.boolean(),
});
export const CategoryInput = z.object({
  parentId: Id.nullable().optional(),
  code: z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,63}$/),
  name: text(50),
  nameEn: text(80),
  keywords: z.array(text(20)).max(30).default([]),
  defaultUnitId: Id.nullable().optional(),
  defaultDeadlineDays: z.number().int().min(1).max(90).nullable().optional(),
  active: z.boolean().default(true),
});
export const CategoryPatch = CategoryInput.partial();

/** What a constituent sees when following an opinion by its receipt code. */
export const PublicOpinion = z.object({
  receiptCode: z.string(),
  state: OpinionState,
  stationName: z.string(),
  categoryName: z.string().nullable(),
  content: z.string(),
  createdAt: z.string(),
  canRate: z.boolean(),
  rating: RatingLevel.nullable(),
  timeline: z.array(
    z.object({ action: z.string(), at: z.string(), text: z.string().nullable(), unitName: z.string().nullable() }),
  ),
});
export const FollowRequest = z.object({
  receiptCode: z.string().trim().min(4).max(20).optional().meta({ description: 'with phoneLast4 or phoneToken' }),
  followToken: z
    .string()
    .max(60)
    .optional()
    .meta({ description: 'instead of the receipt code and phone: the token of the link in the constituent’s SMS' }),
  phoneLast4: z
    .string()
    .regex(/^[0-9]{4}$/)
    .optional(),
  phoneToken: z.string().max(2000).optional().meta({
    description: 'instead of the last 4 digits: the token of an SMS code sent to that phone (POST /api/otp/verify)',
  }),
});
export const PublicRateRequest = FollowRequest.extend({ level: RatingLevel, comment: optText(500) });

export const LedgerQuery = z.object({ orgId: IdParam, from: z.iso.date(), to: z.iso.date() });

type Label = { zh: string; en: string };

export const stateLabels: Record<OpinionState, Label> = {
  registered: { zh: '已登记', en: 'registered' },
  triaged: { zh: '已研判', en: 'sorted' },
  answered: { zh: '已当场答复', en: 'answered on the spot' },
  assigned: { zh: '已交办', en: 'assigned' },
  inProgress: { zh: '办理中', en: 'in progress' },
  responded: { zh: '已答复', en: 'responded' },
  fedBack: { zh: '已反馈', en: 'fed back' },
  rated: { zh: '已评价', en: 'rated' },
  closed: { zh: '已办结', en: 'closed' },
  merged: { zh: '已合并', en: 'merged' },
  rejected: { zh: '不予受理', en: 'rejected' },
  escalated: { zh: '已提交代表', en: 'escalated' },
};

export const actionLabels: Record<OpinionActionName | 'register', Label> = {
  register: { zh: '登记', en: 'register' },
  triage: { zh: '梳理研判', en: 'sort' },
  answer: { zh: '即时答复', en: 'answer on the spot' },
  merge: { zh: '合并', en: 'merge' },
  reject: { zh: '不予受理', en: 'reject' },
  escalate: { zh: '提交代表', en: 'escalate' },
  assign: { zh: '交办', en: 'assign' },
  accept: { zh: '签收', en: 'accept' },
  return: { zh: '退回', en: 'return' },
  requestExtension: { zh: '申请延期', en: 'ask for an extension' },
  decideExtension: { zh: '审批延期', en: 'decide the extension' },
  supervise: { zh: '督办', en: 'supervise' },
  respond: { zh: '办理答复', en: 'respond' },
  feedback: { zh: '反馈', en: 'feed back' },
  rate: { zh: '满意度测评', en: 'rate' },
  reassign: { zh: '重新交办', en: 'reassign' },
  close: { zh: '办结', en: 'close' },
  linkSuggestion: { zh: '关联代表建议', en: 'link a suggestion' },
};

export type PublicOpinion = z.infer<typeof PublicOpinion>;

/** The same step on many opinions (e.g. assigning a batch to one unit); each one succeeds or fails alone. */
export const BulkActionRequest = z.object({
  ids: z.array(Id).min(1).max(200),
  step: OpinionAction,
});
export const BulkActionResult = z.object({
  results: z.array(
    z.object({
      id: z.number(),
      ok: z.boolean(),
      state: OpinionState.optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});
