import { z } from 'zod';
import { Id, IdParam, PageQuery } from './common.js';
import { FollowRequest } from './opinions.js';

/**
 * Deputies' suggestions (代表建议、批评和意见): drafted by a lead deputy with co-signers, reviewed
 * and numbered by the deputy affairs committee, assigned to units, answered in writing within set
 * times after consulting the deputy, rated, disclosed. The rules' figures are defaults a
 * deployment changes (`SuggestionRules`), never constants.
 */

export const suggestionStates = [
  'draft',
  'submitted',
  'accepted',
  'assigned',
  'answered',
  'reHandling',
  'closed',
  'notAccepted',
  'converted',
  'withdrawn',
  'merged',
] as const;
export const SuggestionState = z.enum(suggestionStates);
export type SuggestionState = z.infer<typeof SuggestionState>;

export const stateLabels: Record<SuggestionState, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交待审查', en: 'Submitted' },
  accepted: { zh: '已立案待交办', en: 'Accepted' },
  assigned: { zh: '办理中', en: 'Being handled' },
  answered: { zh: '已答复待评价', en: 'Answered' },
  reHandling: { zh: '重新办理', en: 'Handled again' },
  closed: { zh: '已办结', en: 'Closed' },
  notAccepted: { zh: '不予立案', en: 'Not accepted' },
  converted: { zh: '转为群众意见办理', en: 'Converted to an opinion' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
  merged: { zh: '已并案', en: 'Merged' },
};

export const sessionKinds = ['session', 'interim'] as const;
export const SessionKind = z.enum(sessionKinds);
export const sessionKindLabels: Record<(typeof sessionKinds)[number], { zh: string; en: string }> = {
  session: { zh: '大会期间', en: 'During the session' },
  interim: { zh: '闭会期间', en: 'Between sessions' },
};

export const answerClasses = ['A', 'B', 'C', 'D'] as const;
export const AnswerClass = z.enum(answerClasses);
export type AnswerClass = z.infer<typeof AnswerClass>;
export const answerClassLabels: Record<AnswerClass, { zh: string; en: string }> = {
  A: { zh: 'A 类：已解决或采纳', en: 'A: solved or adopted' },
  B: { zh: 'B 类：正在解决或列入计划', en: 'B: being solved or planned' },
  C: { zh: 'C 类：因条件限制以后解决', en: 'C: later, when conditions allow' },
  D: { zh: 'D 类：留作参考', en: 'D: kept for reference' },
};

export const satisfactionLevels = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export const Satisfaction = z.enum(satisfactionLevels);
export type Satisfaction = z.infer<typeof Satisfaction>;
export const satisfactionLabels: Record<Satisfaction, { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basicallySatisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
};

export const consultationMethods = ['faceToFace', 'phone', 'onSite'] as const;
export const ConsultationMethod = z.enum(consultationMethods);
export const consultationMethodLabels: Record<(typeof consultationMethods)[number], { zh: string; en: string }> = {
  faceToFace: { zh: '当面', en: 'Face to face' },
  phone: { zh: '电话', en: 'Phone' },
  onSite: { zh: '现场', en: 'On site' },
};
export const consultationStages = ['before', 'during', 'after'] as const;
export const ConsultationStage = z.enum(consultationStages);
export const consultationStageLabels: Record<(typeof consultationStages)[number], { zh: string; en: string }> = {
  before: { zh: '办理前', en: 'Before handling' },
  during: { zh: '办理中', en: 'During handling' },
  after: { zh: '答复后', en: 'After answering' },
};

/** The exclusions of the rules, as the checklist the committee applies when it does not accept. */
export const exclusions = [
  'personal',
  'outsideJurisdiction',
  'forwardedLetter',
  'commercial',
  'empty',
  'multipleMatters',
] as const;
export const Exclusion = z.enum(exclusions);
export const exclusionLabels: Record<(typeof exclusions)[number], { zh: string; en: string }> = {
  personal: { zh: '涉及代表本人或亲属个人事务', en: "The deputy's or relatives' personal matter" },
  outsideJurisdiction: { zh: '不属于本级职权范围', en: 'Outside this level’s jurisdiction' },
  forwardedLetter: { zh: '转交来信', en: 'A forwarded letter' },
  commercial: { zh: '学术、广告或产品推介内容', en: 'Academic, advertising or product content' },
  empty: { zh: '内容空泛、没有具体事项', en: 'Empty, no concrete matter' },
  multipleMatters: { zh: '一件建议涉及多个事项', en: 'More than one matter in one suggestion' },
};

export const unitRoles = ['lead', 'co', 'separate'] as const;
export const UnitRole = z.enum(unitRoles);
export type UnitRole = z.infer<typeof UnitRole>;
export const unitRoleLabels: Record<UnitRole, { zh: string; en: string }> = {
  lead: { zh: '主办', en: 'Lead unit' },
  co: { zh: '协办', en: 'Co-unit' },
  separate: { zh: '分办', en: 'Answers separately' },
};

/** A deployment's clocks and switches (per committee); every figure a default it may change. */
export const SuggestionRules = z.object({
  answerMonths: z.number().int().min(1).max(12),
  maxMonths: z.number().int().min(1).max(24),
  redoMonths: z.number().int().min(1).max(6),
  coViewMonths: z.number().int().min(1).max(6),
  returnWindowWorkingDays: z.number().int().min(1).max(30),
  rateWindowDays: z.number().int().min(1).max(180),
  publishAfterWorkingDays: z.number().int().min(0).max(120),
  coSignersRate: z.boolean(),
});
export type SuggestionRules = z.infer<typeof SuggestionRules>;
export const defaultSuggestionRules: SuggestionRules = {
  answerMonths: 3,
  maxMonths: 6,
  redoMonths: 1,
  coViewMonths: 1,
  returnWindowWorkingDays: 7,
  rateWindowDays: 30,
  publishAfterWorkingDays: 20,
  coSignersRate: false,
};

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD|Expected a date as YYYY-MM-DD');

export const CongressSessionInput = z.object({
  name: text(100),
  kind: SessionKind,
  year: z.number().int().min(2000).max(2100),
  prefix: z.string().trim().max(20).default(''),
  open: z.boolean().default(true),
});
export const CongressSessionView = z.object({
  id: z.number(),
  orgId: z.number(),
  name: z.string(),
  kind: SessionKind,
  year: z.number(),
  prefix: z.string(),
  open: z.boolean(),
  count: z.number(),
});
export type CongressSessionView = z.infer<typeof CongressSessionView>;

export const DraftInput = z.object({
  sessionId: Id,
  title: text(200),
  content: text(20_000),
  reasons: optText(10_000),
  measures: optText(10_000),
  category: optText(50),
  publishable: z.boolean().default(true),
  notPublicReason: optText(500),
  opinionIds: z.array(Id).max(50).default([]),
});
export const DraftPatch = DraftInput.partial();

/** Every step of a suggestion, as one body `{ action, … }` (the workflow decides who and when). */
export const SuggestionAction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('submit') }),
  z.object({ action: z.literal('withdraw'), reason: text(1000) }),
  z.object({ action: z.literal('returnForRevision'), reason: text(1000) }),
  z.object({ action: z.literal('accept'), note: optText(1000) }),
  z.object({ action: z.literal('notAccept'), reason: text(1000), exclusions: z.array(Exclusion).max(6).default([]) }),
  z.object({ action: z.literal('convert'), reason: text(1000), stationId: Id }),
  z.object({ action: z.literal('merge'), intoId: Id, reason: optText(1000) }),
  z.object({
    action: z.literal('assign'),
    mode: z.enum(['joint', 'separate']),
    leadUnitId: Id.optional(),
    coUnitIds: z.array(Id).max(10).default([]),
    unitIds: z.array(Id).max(10).default([]),
  }),
  z.object({ action: z.literal('returnAssignment'), reason: text(1000) }),
  z.object({ action: z.literal('coView'), view: text(10_000) }),
  z.object({ action: z.literal('requestExtension'), months: z.number().int().min(1).max(12), reason: text(1000) }),
  z.object({
    action: z.literal('decideExtension'),
    approve: z.boolean(),
    months: z.number().int().min(1).max(12).optional(),
    reason: optText(1000),
  }),
  z.object({ action: z.literal('pause'), reason: text(1000) }),
  z.object({ action: z.literal('resume'), note: optText(1000) }),
  z.object({ action: z.literal('progress'), note: text(5000) }),
  z.object({
    action: z.literal('consult'),
    at: z.iso.datetime({ offset: true }),
    method: ConsultationMethod,
    stage: ConsultationStage,
    attendees: text(500),
    notes: optText(5000),
  }),
  z.object({
    action: z.literal('answer'),
    answerClass: AnswerClass,
    content: text(20_000),
    commitmentDate: Day.optional(),
    signedBy: text(50),
  }),
  z.object({ action: z.literal('rate'), communication: Satisfaction, result: Satisfaction, comment: optText(1000) }),
  z.object({ action: z.literal('close'), note: optText(1000) }),
  z.object({ action: z.literal('markKey'), key: z.boolean(), leaders: optText(200) }),
  z.object({ action: z.literal('keyProgress'), note: text(5000) }),
  z.object({ action: z.literal('supervise'), note: text(1000) }),
  z.object({ action: z.literal('setPublic'), publishable: z.boolean(), reason: optText(500) }),
]);
export type SuggestionAction = z.infer<typeof SuggestionAction>;
export type SuggestionActionName = SuggestionAction['action'];
export const suggestionActionNames = SuggestionAction.options.map((o) => o.shape.action.value);

export const actionLabels: Record<
  SuggestionActionName | 'commitmentDue' | 'invite' | 'signer' | 'constituentRate',
  { zh: string; en: string }
> = {
  submit: { zh: '提交', en: 'Submit' },
  withdraw: { zh: '撤回', en: 'Withdraw' },
  returnForRevision: { zh: '退回修改', en: 'Return for revision' },
  accept: { zh: '立案', en: 'Accept' },
  notAccept: { zh: '不予立案', en: 'Do not accept' },
  convert: { zh: '转为群众意见', en: 'Convert to an opinion' },
  merge: { zh: '并案', en: 'Merge' },
  assign: { zh: '交办', en: 'Assign' },
  returnAssignment: { zh: '申请退回交办', en: 'Return the assignment' },
  coView: { zh: '报送协办意见', en: 'Send the co-unit view' },
  requestExtension: { zh: '申请延期', en: 'Ask for an extension' },
  decideExtension: { zh: '审批延期', en: 'Decide the extension' },
  pause: { zh: '暂停计时', en: 'Pause the clock' },
  resume: { zh: '恢复计时', en: 'Resume the clock' },
  progress: { zh: '报告办理进展', en: 'Report progress' },
  consult: { zh: '记录面商', en: 'Record a consultation' },
  answer: { zh: '书面答复', en: 'Answer in writing' },
  rate: { zh: '评价', en: 'Rate' },
  close: { zh: '办结', en: 'Close' },
  markKey: { zh: '重点督办', en: 'Key supervision' },
  keyProgress: { zh: '督办进展', en: 'Supervision progress' },
  supervise: { zh: '督办', en: 'Supervise' },
  setPublic: { zh: '公开设置', en: 'Disclosure' },
  commitmentDue: { zh: '承诺到期再次办理', en: 'Commitment due: handled again' },
  invite: { zh: '邀请联名', en: 'Invite co-signers' },
  signer: { zh: '联名确认', en: 'Co-signer answer' },
  constituentRate: { zh: '群众评价答复', en: 'Rated by a constituent' },
};

export const InviteRequest = z.object({ deputyIds: z.array(Id).min(1).max(50) });
export const SignerResponse = z.object({ accept: z.boolean(), note: optText(500) });

export const Clock = z.object({
  assignedOn: z.string().nullable(),
  answerDue: z.string().nullable(),
  extensionMonths: z.number(),
  pausedDays: z.number(),
  pausedSince: z.string().nullable(),
  returnBy: z.string().nullable(),
  coViewDue: z.string().nullable(),
  redoDue: z.string().nullable(),
  rateBy: z.string().nullable(),
  commitmentDate: z.string().nullable(),
  overdue: z.boolean(),
  /** When the handling takes longer than the answer time (an extension asked or granted), an interim progress note is due by this day. */
  progressDue: z.string().nullable(),
  /** That note is due or past due and none was sent. */
  progressMissing: z.boolean(),
  explanation: z.object({ zh: z.string(), en: z.string() }),
});

export const SuggestionSummary = z.object({
  id: z.number(),
  number: z.string().nullable(),
  title: z.string(),
  state: SuggestionState,
  sessionId: z.number(),
  sessionName: z.string(),
  leadDeputyId: z.number(),
  leadDeputyName: z.string(),
  category: z.string().nullable(),
  answerClass: AnswerClass.nullable(),
  answerDue: z.string().nullable(),
  overdue: z.boolean(),
  keySupervision: z.boolean(),
  repeated: z.boolean(),
  updatedAt: z.string(),
});
export type SuggestionSummary = z.infer<typeof SuggestionSummary>;

export const SuggestionView = SuggestionSummary.extend({
  content: z.string(),
  reasons: z.string().nullable(),
  measures: z.string().nullable(),
  publishable: z.boolean(),
  notPublicReason: z.string().nullable(),
  mode: z.enum(['joint', 'separate']).nullable(),
  reviewReason: z.string().nullable(),
  exclusions: z.array(Exclusion),
  keyLeaders: z.string().nullable(),
  mergedIntoId: z.number().nullable(),
  redoCount: z.number(),
  ratingCommunication: Satisfaction.nullable(),
  ratingResult: Satisfaction.nullable(),
  extensionPending: z.object({ months: z.number(), reason: z.string() }).nullable(),
  publishedAt: z.string().nullable(),
  repeatOf: z.array(z.object({ id: z.number(), number: z.string().nullable(), title: z.string(), year: z.number() })),
  clock: Clock,
  signers: z.array(
    z.object({
      deputyId: z.number(),
      name: z.string(),
      state: z.enum(['invited', 'confirmed', 'declined']),
      respondedAt: z.string().nullable(),
    }),
  ),
  opinions: z.array(z.object({ id: z.number(), receiptCode: z.string(), excerpt: z.string() })),
  units: z.array(
    z.object({
      unitId: z.number(),
      name: z.string(),
      role: UnitRole,
      state: z.enum(['assigned', 'returned', 'answered', 'withdrawn']),
      coView: z.string().nullable(),
    }),
  ),
  consultations: z.array(
    z.object({
      id: z.number(),
      unitName: z.string(),
      at: z.string(),
      method: ConsultationMethod,
      stage: ConsultationStage,
      attendees: z.string(),
      notes: z.string().nullable(),
    }),
  ),
  answers: z.array(
    z.object({
      id: z.number(),
      unitName: z.string(),
      round: z.number(),
      answerClass: AnswerClass,
      content: z.string(),
      commitmentDate: z.string().nullable(),
      signedBy: z.string(),
      answeredAt: z.string(),
      onTime: z.boolean(),
    }),
  ),
  events: z.array(
    z.object({
      id: z.number(),
      action: z.string(),
      fromState: z.string().nullable(),
      toState: z.string().nullable(),
      actorName: z.string().nullable(),
      note: z.string().nullable(),
      /** What the step recorded: units and due date, answer class and committed date, ratings, exclusions … */
      data: z.record(z.string(), z.unknown()).nullable(),
      at: z.string(),
    }),
  ),
  /** How the constituents whose opinions led to the suggestion rated its latest answer (counts; names never shown). */
  constituentRatings: z.object({ satisfied: z.number(), basicallySatisfied: z.number(), dissatisfied: z.number() }),
  allowedActions: z.array(z.string()),
  /** What the signed-in user is to this suggestion (lead deputy, co-signer, invitee, committee, unit). */
  capacities: z.array(z.string()),
});
export type SuggestionView = z.infer<typeof SuggestionView>;

export const suggestionQueues = [
  'mine',
  'invitations',
  'toRate',
  'toReview',
  'toAssign',
  'handling',
  'overdue',
  'unit',
] as const;
export const SuggestionQueue = z.enum(suggestionQueues);
export const ListSuggestionsQuery = PageQuery.extend({
  queue: SuggestionQueue.optional(),
  state: SuggestionState.optional(),
  sessionId: IdParam.optional(),
  q: z.string().trim().max(50).optional(),
});

export const FiguresQuery = z.object({
  sessionId: IdParam.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
const Rates = z.object({
  count: z.number(),
  answered: z.number(),
  onTime: z.number(),
  onTimeRate: z.number().nullable(),
  consulted: z.number(),
  consultationRate: z.number().nullable(),
  firstRated: z.number(),
  firstSatisfied: z.number(),
  firstSatisfactionRate: z.number().nullable(),
  finalRated: z.number(),
  finalSatisfied: z.number(),
  finalSatisfactionRate: z.number().nullable(),
  classes: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }),
  resolutionRate: z.number().nullable(),
  redo: z.number(),
  overdue: z.number(),
});
export type Rates = z.infer<typeof Rates>;
export const SuggestionFigures = z.object({
  total: Rates,
  units: z.array(Rates.extend({ unitId: z.number(), name: z.string(), rank: z.number() })),
  deputies: z.array(Rates.extend({ deputyId: z.number(), name: z.string() })),
  overdueList: z.array(
    z.object({
      id: z.number(),
      number: z.string().nullable(),
      title: z.string(),
      unitNames: z.string(),
      due: z.string(),
    }),
  ),
});
export type SuggestionFigures = z.infer<typeof SuggestionFigures>;

export const PublicSuggestionsQuery = PageQuery.extend({
  sessionId: IdParam.optional(),
  unit: z.string().trim().max(50).optional(),
  category: z.string().trim().max(50).optional(),
  answerClass: AnswerClass.optional(),
  q: z.string().trim().max(50).optional(),
});
export const PublicSuggestion = z.object({
  id: z.number(),
  number: z.string().nullable(),
  sessionName: z.string(),
  title: z.string(),
  content: z.string(),
  deputies: z.array(z.string()),
  category: z.string().nullable(),
  units: z.array(z.string()),
  answerClass: AnswerClass.nullable(),
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
});
export type PublicSuggestion = z.infer<typeof PublicSuggestion>;

/** A suggestion an opinion led to, as the opinion's constituent sees it through the receipt code. */
export const ConstituentSuggestion = z.object({
  id: z.number(),
  number: z.string().nullable(),
  title: z.string(),
  state: SuggestionState,
  units: z.array(z.string()),
  answerClass: AnswerClass.nullable(),
  /** The latest written answer, contacts removed. */
  answer: z.string().nullable(),
  answeredOn: z.string().nullable(),
  commitmentDate: z.string().nullable(),
  canRate: z.boolean(),
  myRating: Satisfaction.nullable(),
});
export type ConstituentSuggestion = z.infer<typeof ConstituentSuggestion>;
export const ConstituentSuggestions = z.object({ items: z.array(ConstituentSuggestion) });
export const ConstituentRateRequest = FollowRequest.extend({
  suggestionId: Id,
  level: Satisfaction,
  comment: optText(500),
});

export const MyDeskCounts = z.object({
  drafts: z.number(),
  invitations: z.number(),
  toRate: z.number(),
  addressedOpinions: z.number(),
  escalatedOpinions: z.number(),
});

/** An opinion on a deputy's desk (addressed to them, or escalated for a deputy to take up). */
export const DeskOpinion = z.object({
  id: z.number(),
  receiptCode: z.string(),
  state: z.string(),
  excerpt: z.string(),
  createdAt: z.string(),
  suggestionRef: z.string().nullable(),
});
export type DeskOpinion = z.infer<typeof DeskOpinion>;
export const DeputyDesk = z.object({
  deputyId: z.number().nullable(),
  counts: MyDeskCounts,
  addressed: z.array(DeskOpinion),
  escalated: z.array(DeskOpinion),
});
export type DeputyDesk = z.infer<typeof DeputyDesk>;

/** Serving deputies of the suggestion's congress who may be invited to co-sign. */
export const SignerCandidates = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), orgName: z.string() })),
});
