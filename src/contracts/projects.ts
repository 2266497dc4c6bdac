import { z } from 'zod';
import { Id } from './common.js';

/**
 * Livelihood projects (民生实事项目): the reserve, screening, the deputies' vote (票决), the
 * implementation and the year-end rating. Money is in yuan (元), whole numbers; screens show 万元.
 */

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD|Expected a date as YYYY-MM-DD');
const Year = z.number().int().min(2000, '年度不正确|Invalid year').max(2100, '年度不正确|Invalid year');
const Text = (max: number, zh: string, en: string) =>
  z
    .string()
    .trim()
    .min(1, `请填写${zh}|Enter the ${en}`)
    .max(max, `${zh}不能超过 ${max} 字|The ${en} must not exceed ${max} characters`);
const Yuan = z
  .number()
  .int('金额应为整数（元）|The amount must be whole yuan')
  .positive('金额应大于 0|The amount must be above 0')
  .max(1e13, '金额过大|The amount is too large');

export const projectSources = ['department', 'committee', 'opinion', 'suggestion'] as const;
export const ProjectSource = z.enum(projectSources);
export type ProjectSource = z.infer<typeof ProjectSource>;

export const projectStates = [
  'reserve',
  'shortlisted',
  'excluded',
  'chosen',
  'notChosen',
  'inProgress',
  'paused',
  'done',
  'terminated',
] as const;
export const ProjectState = z.enum(projectStates);
export type ProjectState = z.infer<typeof ProjectState>;

export const ProjectInput = z.object({
  year: Year,
  title: Text(100, '项目名称', 'title'),
  description: z.string().trim().max(5000, '项目内容不能超过 5000 字|The description must not exceed 5000 characters'),
  cost: Yuan,
  fundingSource: Text(200, '资金来源', 'funding source'),
  unitId: Id.nullable().optional(),
  location: Text(200, '实施地点', 'location'),
  expectedCompletion: Day,
  source: ProjectSource,
  sourceOpinionId: Id.nullable().optional(),
  sourceSuggestionId: Id.nullable().optional(),
  orgId: Id.optional(),
});
export type ProjectInput = z.infer<typeof ProjectInput>;

/** The four reviews recorded per candidate (可行性、必要性、财力、合法性). */
export const screeningChecks = ['feasibility', 'necessity', 'fiscal', 'legality'] as const;
export const ScreeningCheck = z.object({
  ok: z.boolean(),
  note: z.string().trim().max(500, '说明不能超过 500 字|The note must not exceed 500 characters'),
});
export const ScreeningInput = z.object({
  feasibility: ScreeningCheck,
  necessity: ScreeningCheck,
  fiscal: ScreeningCheck,
  legality: ScreeningCheck,
  /** true: on the shortlist; false: excluded, with the reason shown to whoever proposed it. */
  shortlist: z.boolean(),
  exclusionReason: z
    .string()
    .trim()
    .max(1000, '不予入选理由不能超过 1000 字|The reason must not exceed 1000 characters')
    .optional(),
});
export type ScreeningInput = z.infer<typeof ScreeningInput>;

export const ProjectSummary = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  cost: z.number(),
  fundingSource: z.string(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  location: z.string(),
  expectedCompletion: z.string(),
  source: ProjectSource,
  state: ProjectState,
  progress: z.number(),
  rating: z.string().nullable(),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const ProjectListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  state: ProjectState.optional(),
});

export const Milestone = z.object({
  id: z.number(),
  title: z.string(),
  dueOn: z.string(),
  doneOn: z.string().nullable(),
});
export const ProgressReport = z.object({
  id: z.number(),
  percent: z.number(),
  note: z.string(),
  hasPhoto: z.boolean(),
  createdAt: z.string(),
});
export const decisionKinds = ['change', 'pause', 'resume', 'terminate'] as const;
export const DecisionKind = z.enum(decisionKinds);
export const Decision = z.object({
  id: z.number(),
  kind: DecisionKind,
  reference: z.string(),
  decidedOn: z.string(),
  reason: z.string(),
  notice: z.string(),
  changes: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

// ——— supervision (督查组) and inspections (视察/督查) ———

export const inspectionKinds = ['inspection', 'supervision'] as const;
export const InspectionKind = z.enum(inspectionKinds);
export const SupervisorsInput = z.object({
  deputyIds: z.array(Id).max(30, '督查组最多 30 名代表|At most 30 deputies in a group'),
});
export const InspectionInput = z.object({
  kind: InspectionKind,
  day: Day,
  findings: Text(4000, '发现的问题和情况', 'findings'),
  requests: z
    .string()
    .trim()
    .max(2000, '整改意见不能超过 2000 字|The requests must not exceed 2000 characters')
    .optional(),
  deputyIds: z.array(Id).min(1, '请选择参加的代表|Choose the deputies who took part').max(30),
});
export type InspectionInput = z.infer<typeof InspectionInput>;
export const Inspection = z.object({
  id: z.number(),
  kind: InspectionKind,
  day: z.string(),
  findings: z.string(),
  requests: z.string().nullable(),
  deputies: z.array(z.string()),
  hasPhoto: z.boolean(),
});
export const PublicInspection = Inspection;

export const ProjectView = ProjectSummary.extend({
  description: z.string(),
  sourceOpinion: z.object({ id: z.number(), receiptCode: z.string(), excerpt: z.string() }).nullable(),
  sourceSuggestion: z.object({ id: z.number(), title: z.string() }).nullable(),
  screening: ScreeningInput.omit({ shortlist: true, exclusionReason: true }).nullable(),
  exclusionReason: z.string().nullable(),
  targets: z.string().nullable(),
  supervisionLeader: z.string().nullable(),
  planPublishedAt: z.string().nullable(),
  milestones: z.array(Milestone),
  reports: z.array(ProgressReport),
  decisions: z.array(Decision),
  votes: z.array(z.object({ id: z.number(), name: z.string(), kind: z.string(), state: z.string() })),
  supervisors: z.array(z.object({ deputyId: z.number(), name: z.string() })),
  inspections: z.array(Inspection),
  canManage: z.boolean(),
  canReport: z.boolean(),
});
export type ProjectView = z.infer<typeof ProjectView>;

/** What a project's source links back to (the opinion's or the suggestion's page shows it). */
export const ProjectLinks = z.object({
  items: z.array(z.object({ id: z.number(), title: z.string(), year: z.number(), state: ProjectState })),
});

// ——— the vote (票决) and the year-end rating (测评) ———

export const voteKinds = ['selection', 'rating'] as const;
export const VoteKind = z.enum(voteKinds);
/**
 * approve: 赞成/不赞成/弃权 per candidate; choose: mark up to N; rank (排序): every candidate gets a
 * place 1…n, counted by the Borda count (a place r of n is worth n − r + 1 points).
 */
export const ballotForms = ['approve', 'choose', 'rank'] as const;
export const BallotForm = z.enum(ballotForms);
export const tieRules = ['lowerCost', 'revote'] as const;
export const TieRule = z.enum(tieRules);
export const Threshold = z.object({
  /** Whose count the share is of: deputies present (who voted or took a paper ballot) or all members. */
  basis: z.enum(['present', 'members']),
  /** More than this share, in percent (50: more than half). */
  percent: z.number().int().min(0).max(99),
});

export const SelectionRules = z.object({
  places: z.number().int().min(1, '名额至少为 1|At least 1 place').max(100),
  form: BallotForm,
  /** For `choose`: at most this many marks (default: the places). */
  maxChoices: z.number().int().min(1).max(100).optional(),
  threshold: Threshold,
  tieRule: TieRule,
  /** The sum of the costs a ballot approves or chooses may not exceed it (yuan). */
  budgetCeiling: Yuan.nullable(),
});
export type SelectionRules = z.infer<typeof SelectionRules>;

/** 满意 if 满意 votes exceed the share of the basis; 基本满意 if 满意 + 基本满意 do; otherwise 不满意. */
export const RatingRules = z.object({ threshold: Threshold });
export type RatingRules = z.infer<typeof RatingRules>;

export const VoteInput = z.object({
  kind: VoteKind,
  year: Year,
  name: Text(100, '名称', 'name'),
  candidateIds: z.array(Id).min(1, '请选择候选项目|Choose the candidates').max(100),
  selection: SelectionRules.optional(),
  rating: RatingRules.optional(),
  /** Paper ballots: each typed in twice (entries), or counted in the hall and entered as totals. */
  paperMode: z.enum(['entries', 'totals']).default('entries'),
  orgId: Id.optional(),
});
export type VoteInput = z.infer<typeof VoteInput>;

export const marks = [
  'for',
  'against',
  'abstain',
  'chosen',
  'satisfied',
  'basicallySatisfied',
  'dissatisfied',
  'ranked',
] as const;
export const Mark = z.enum(marks);
export type Mark = z.infer<typeof Mark>;
/** One mark of a ballot; a rank ballot marks every candidate `ranked` with its place (1 = first). */
export const BallotChoice = z.object({
  projectId: Id,
  mark: Mark,
  rank: z.number().int('名次应为整数|Whole places').min(1, '名次从 1 开始|Places start at 1').max(100).optional(),
});
export const BallotChoices = z
  .array(BallotChoice)
  .max(100)
  .refine((a) => new Set(a.map((c) => c.projectId)).size === a.length, '同一项目只能填写一次|One mark per project');
export type BallotChoices = z.infer<typeof BallotChoices>;
// ——— paper ballots counted as totals ———

export const PaperTotals = z.object({
  returned: z.number().int().min(0),
  spoiled: z.number().int().min(0),
  counts: z.array(z.object({ projectId: z.number(), mark: Mark, count: z.number().int().min(0) })),
});
export type PaperTotals = z.infer<typeof PaperTotals>;
export const PaperTotalsInput = PaperTotals.extend({
  issued: z.number().int().min(0),
  counts: z
    .array(
      z.object({
        projectId: Id,
        mark: Mark,
        count: z.number().int('票数应为整数|Whole numbers').min(0, '票数不能为负|No negative counts').max(100000),
      }),
    )
    .max(500),
});

/**
 * Paper totals are typed twice, by two different officers (双人双录): one entry of the current
 * round. They count once both agree; a differing second entry ends the round (both are shown) and
 * the totals are typed again.
 */
export const PaperTotalsEntry = z.object({
  entry: z.number(),
  /** Typed by the asking officer. */
  mine: z.boolean(),
  at: z.string(),
  issued: z.number(),
  returned: z.number(),
  spoiled: z.number(),
  counts: z.array(z.object({ projectId: z.number(), mark: Mark, count: z.number() })),
});
export type PaperTotalsEntry = z.infer<typeof PaperTotalsEntry>;
export const PaperTotalsCheck = z.object({
  state: z.enum(['none', 'first', 'conflict', 'confirmed']),
  entries: z.array(PaperTotalsEntry),
});
export type PaperTotalsCheck = z.infer<typeof PaperTotalsCheck>;

export const BallotInput = z.object({ choices: BallotChoices });
export const Receipt = z.object({
  receiptCode: z.string().meta({ description: 'shown once: proves the ballot is in the published list' }),
});

export const PaperEntryInput = z.object({
  ballotNo: z.number().int().min(1).max(100000),
  choices: BallotChoices,
});
export const PaperIssueInput = z.object({ deputyIds: z.array(Id).min(1).max(2000) });
export const ReconcileInput = z.object({
  issued: z.number().int().min(0),
  returned: z.number().int().min(0),
  spoiled: z.number().int().min(0),
});

export const ResultRow = z.object({
  projectId: z.number(),
  title: z.string(),
  cost: z.number(),
  for: z.number(),
  against: z.number(),
  abstain: z.number(),
  satisfied: z.number(),
  basicallySatisfied: z.number(),
  dissatisfied: z.number(),
  passed: z.boolean(),
  rank: z.number().nullable(),
  chosen: z.boolean(),
  tie: z.boolean(),
  overBudget: z.boolean(),
  runningTotal: z.number().nullable(),
  /** Rank ballots: the Borda score (the sum over ballots of n − place + 1); `for` counts the ballots placing it within the places. */
  score: z.number().optional(),
  rating: z.enum(['satisfied', 'basicallySatisfied', 'dissatisfied']).nullable(),
});
export type ResultRow = z.infer<typeof ResultRow>;
export const VoteResult = z.object({
  members: z.number(),
  present: z.number(),
  ballots: z.number(),
  electronic: z.number(),
  paper: z.number(),
  spoiled: z.number(),
  base: z.number(),
  /** The fewest votes that pass the threshold. */
  needed: z.number(),
  rows: z.array(ResultRow),
  unresolvedTie: z.boolean(),
  chosenTotal: z.number(),
});
export type VoteResult = z.infer<typeof VoteResult>;

export const VoteSummary = z.object({
  id: z.number(),
  kind: VoteKind,
  year: z.number(),
  name: z.string(),
  state: z.enum(['draft', 'open', 'closed', 'published']),
  members: z.number(),
  candidates: z.number(),
});
export const VoteView = VoteSummary.extend({
  selection: SelectionRules.nullable(),
  rating: RatingRules.nullable(),
  paperMode: z.enum(['entries', 'totals']),
  /** The paper count entered as totals (totals mode), once entered. */
  paperTotals: PaperTotals.nullable(),
  /** Totals mode, for the committee: the double entry of the totals (the latest round). */
  paperTotalsCheck: PaperTotalsCheck.nullable(),
  /** The public comment period (draft votes): until when the portal takes comments. */
  commentUntil: z.string().nullable(),
  candidates: z.number(),
  candidateList: z.array(
    z.object({
      projectId: z.number(),
      position: z.number(),
      title: z.string(),
      cost: z.number(),
      unitName: z.string().nullable(),
      expectedCompletion: z.string(),
      description: z.string(),
    }),
  ),
  /** Attendance counts only (who voted is never shown beside what was voted). */
  attendance: z.object({ electronic: z.number(), paperIssued: z.number(), notVoted: z.number() }),
  paper: z.object({
    entered: z.number(),
    confirmed: z.number(),
    /** Ballot numbers entered once so far (waiting for the second officer). */
    pending: z.array(z.number()),
    returned: z.number().nullable(),
    spoiled: z.number().nullable(),
  }),
  result: VoteResult.nullable(),
  publishedAt: z.string().nullable(),
  /** For a deputy: whether they may still vote here, and whether they already did. */
  me: z.object({ eligible: z.boolean(), voted: z.boolean() }).nullable(),
  canManage: z.boolean(),
});
export type VoteView = z.infer<typeof VoteView>;

export const VoterRow = z.object({
  deputyId: z.number(),
  name: z.string(),
  voted: z.enum(['electronic', 'paper']).nullable(),
});

/** The published anonymous ballots: anyone recomputes the tally from them. */
export const PublishedBallot = z.object({
  id: z.string(),
  channel: z.enum(['electronic', 'paper']),
  /** First 16 hex digits of SHA-256 of the receipt code (paper ballots have none). */
  check: z.string().nullable(),
  choices: z.array(z.object({ projectId: z.number(), mark: Mark, rank: z.number().optional() })),
});
export const PublishedBallots = z.object({
  voteId: z.number(),
  ballots: z.array(PublishedBallot),
  /** Paper ballots counted as totals (added to the count of the ballots above). */
  paperTotals: PaperTotals.nullable(),
});

export const ReceiptCheckRequest = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{8,20}$/, '回执码格式不正确|The receipt code is malformed'),
});
export const ReceiptCheck = z.object({
  found: z.boolean(),
  voteId: z.number().nullable(),
  choices: z.array(z.object({ projectId: z.number(), mark: Mark, rank: z.number().optional() })).nullable(),
});

// ——— implementation ———

export const PlanInput = z.object({
  targets: Text(2000, '目标任务', 'targets'),
  unitId: Id,
  cost: Yuan,
  expectedCompletion: Day,
  supervisionLeader: Text(50, '督查组牵头人', 'supervision leader'),
  milestones: z
    .array(z.object({ title: Text(100, '节点名称', 'milestone'), dueOn: Day }))
    .min(1)
    .max(30),
});
export type PlanInput = z.infer<typeof PlanInput>;

export const DecisionInput = z.object({
  kind: DecisionKind,
  reference: Text(100, '决定文号', 'decision reference'),
  decidedOn: Day,
  reason: Text(2000, '理由', 'reason'),
  notice: Text(2000, '公告内容', 'public notice'),
  changes: z
    .object({ cost: Yuan.optional(), expectedCompletion: Day.optional(), targets: z.string().max(2000).optional() })
    .default({}),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

export const ProgressFields = z.object({
  percent: z.coerce.number().int().min(0, '进度应在 0–100 之间|0–100').max(100, '进度应在 0–100 之间|0–100'),
  note: Text(2000, '进展说明', 'note'),
});

// ——— portal ———

export const PublicProject = z.object({
  id: z.number(),
  year: z.number(),
  title: z.string(),
  description: z.string(),
  cost: z.number(),
  unitName: z.string().nullable(),
  location: z.string(),
  expectedCompletion: z.string(),
  state: ProjectState,
  progress: z.number(),
  rating: z.string().nullable(),
  photos: z.array(z.object({ reportId: z.number(), note: z.string(), createdAt: z.string() })),
  notices: z.array(z.object({ kind: DecisionKind, reference: z.string(), notice: z.string(), decidedOn: z.string() })),
  milestones: z.array(Milestone),
  supervisionLeader: z.string().nullable(),
  supervisors: z.array(z.string()),
  inspections: z.array(PublicInspection),
});
export const PublicProjects = z.object({
  year: z.number(),
  projects: z.array(PublicProject),
  votes: z.array(z.object({ id: z.number(), kind: VoteKind, year: z.number(), name: z.string(), result: VoteResult })),
  pastYears: z.array(
    z.object({
      year: z.number(),
      projects: z.array(
        z.object({ id: z.number(), title: z.string(), state: ProjectState, rating: z.string().nullable() }),
      ),
    }),
  ),
});
export type PublicProjects = z.infer<typeof PublicProjects>;

// ——— the public comment period (公开征求意见) on a vote's candidates ———

export const CommentPeriodInput = z.object({ until: Day });
export const PublicCommentInput = z.object({
  projectId: Id,
  support: z.boolean(),
  body: z
    .string()
    .trim()
    .max(500, '意见不能超过 500 字|The comment must not exceed 500 characters')
    .optional()
    .transform((v) => v || undefined),
  name: z.string().trim().max(20, '姓名不能超过 20 字|The name must not exceed 20 characters').optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, '手机号码格式不正确|The mobile number is malformed')
    .optional()
    .or(z.literal('').transform(() => undefined)),
});
export const commentStates = ['pending', 'published', 'hidden'] as const;
export const CommentState = z.enum(commentStates);
export const StaffComment = z.object({
  id: z.number(),
  projectId: z.number(),
  support: z.boolean(),
  body: z.string().nullable(),
  /** Masked (张**, 138****5678). */
  name: z.string().nullable(),
  phone: z.string().nullable(),
  state: CommentState,
  createdAt: z.string(),
});
export const CommentCounts = z.object({ projectId: z.number(), supports: z.number(), comments: z.number() });
export const StaffComments = z.object({ items: z.array(StaffComment), counts: z.array(CommentCounts) });
export const ModerateInput = z.object({ state: z.enum(['published', 'hidden']) });
export const Consultation = z.object({
  voteId: z.number(),
  year: z.number(),
  name: z.string(),
  until: z.string(),
  candidates: z.array(
    z.object({
      projectId: z.number(),
      title: z.string(),
      description: z.string(),
      cost: z.number(),
      unitName: z.string().nullable(),
      location: z.string(),
      supports: z.number(),
      comments: z.array(z.object({ name: z.string().nullable(), body: z.string(), createdAt: z.string() })),
    }),
  ),
});
export const Consultations = z.object({ items: z.array(Consultation) });
export type Consultation = z.infer<typeof Consultation>;

/** Projects an opinion led to (directly or through a suggestion), for the constituent following it. */
export const OpinionProjects = z.object({
  items: z.array(z.object({ id: z.number(), title: z.string(), year: z.number(), state: ProjectState })),
});
