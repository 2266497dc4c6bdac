import { z } from 'zod';
import { IdParam } from './common.js';
import { Channel } from './opinions.js';
import { ProjectInput } from './projects.js';

/**
 * Every rate of the statistics, defined once: which two sums of the rollups it divides, and the
 * words shown beside each figure. The server computes from `num`/`den`; the console shows `zh`/`en`.
 * A rate whose denominator is 0 is "—" (null), never 0 % or 100 %.
 */
export const rateKeys = ['responseRate', 'onTimeRate', 'feedbackRate', 'satisfactionRate', 'solvedRate'] as const;
export const RateKey = z.enum(rateKeys);
export type RateKey = z.infer<typeof RateKey>;

export interface Definition {
  zh: { name: string; text: string };
  en: { name: string; text: string };
}

export const rateDefinitions: Record<RateKey, Definition & { num: string; den: string; unit: boolean }> = {
  responseRate: {
    num: 'accepted_in_time',
    den: 'response_due',
    unit: true,
    zh: {
      name: '响应率',
      text: '1个工作日内签收的交办 ÷ 应签收的交办（已签收、已退回，或超过1个工作日仍未签收的主办交办）。退回不算签收。',
    },
    en: {
      name: 'Response rate',
      text: 'Lead assignments accepted within 1 working day ÷ assignments due for acceptance (accepted, returned, or still unaccepted after 1 working day). A return is not an acceptance.',
    },
  },
  onTimeRate: {
    num: 'on_time',
    den: 'due',
    unit: true,
    zh: {
      name: '按时办结率',
      text: '在办理期限（含批准的延期）内答复的主办交办 ÷ 已答复的交办加上已超期未答复的交办。未到期且未答复的不计入。',
    },
    en: {
      name: 'On-time rate',
      text: 'Lead assignments answered by their deadline (approved extensions included) ÷ assignments answered plus those overdue and unanswered. Open ones not yet due are not counted.',
    },
  },
  feedbackRate: {
    num: 'fed_back',
    den: 'feedback_due',
    unit: false,
    zh: {
      name: '反馈率（件件有回音）',
      text: '已向群众反馈的意见 ÷ 留有联系方式且已有结果（当场答复、承办答复、上报或已办结）的意见。匿名无联系方式、已合并、不予受理的不计入。',
    },
    en: {
      name: 'Feedback rate',
      text: 'Opinions fed back to the constituent ÷ opinions with a way to reach them and a result to tell (answered, responded, escalated or closed). Anonymous ones without contact, merged and rejected ones are not counted.',
    },
  },
  satisfactionRate: {
    num: 'rated_positive',
    den: 'rated',
    unit: false,
    zh: {
      name: '满意率',
      text: '评价为非常满意、满意或基本满意的意见 ÷ 已评价的意见。未评价的不计入分母，另列“未评价”数。',
    },
    en: {
      name: 'Satisfaction rate',
      text: 'Opinions rated very satisfied, satisfied or basically satisfied ÷ opinions rated. Unrated ones are left out of the denominator and shown as a separate count.',
    },
  },
  solvedRate: {
    num: 'solved',
    den: 'result_due',
    unit: true,
    zh: {
      name: '解决率',
      text: '承办单位最近一次答复为“已解决”的意见 ÷ 承办单位已答复的意见。当场答复的另列，不计入。',
    },
    en: {
      name: 'Resolution rate',
      text: 'Opinions whose latest unit response is "solved" ÷ opinions a unit has responded to. Answers on the spot are counted separately.',
    },
  },
};

/** The other figures shown with a definition. */
export const figureDefinitions: Record<
  | 'received'
  | 'assignments'
  | 'avgHandlingDays'
  | 'p90HandlingDays'
  | 'returns'
  | 'extensions'
  | 'overdueOpen'
  | 'dueSoon'
  | 'unrated',
  Definition
> = {
  received: {
    zh: { name: '受理量', text: '期间内登记的意见（按登记日期统计，含已合并、不予受理的）。' },
    en: {
      name: 'Received',
      text: 'Opinions registered in the period (by day of registration; merged and rejected included).',
    },
  },
  assignments: {
    zh: { name: '主办交办件数', text: '期间内登记、交由本单位主办的交办（按意见登记日期统计，含退回的）。' },
    en: {
      name: 'Lead assignments',
      text: 'Assignments led by this unit, of opinions registered in the period (returned ones included).',
    },
  },
  avgHandlingDays: {
    zh: { name: '平均办理时长（天）', text: '从首次交办签批到最近一次承办答复的自然日，取平均。' },
    en: {
      name: 'Average handling (days)',
      text: 'Calendar days from the first assignment’s sign-off to the latest unit response, averaged.',
    },
  },
  p90HandlingDays: {
    zh: { name: '90%办理时长（天）', text: '九成意见在此天数内答复（按天数分档统计，取所在档的上限）。' },
    en: {
      name: '90th percentile handling (days)',
      text: '9 in 10 opinions were answered within this many days (counted in day buckets; the bucket’s upper bound).',
    },
  },
  returns: {
    zh: { name: '退回次数', text: '承办单位退回交办的次数。' },
    en: { name: 'Returns', text: 'Times a handling unit returned an assignment.' },
  },
  extensions: {
    zh: { name: '延期次数', text: '批准的延期次数。' },
    en: { name: 'Extensions', text: 'Extensions approved.' },
  },
  overdueOpen: {
    zh: { name: '超期未办', text: '目前已超过办理期限仍未答复的意见。' },
    en: { name: 'Overdue', text: 'Opinions past their deadline and still unanswered now.' },
  },
  dueSoon: {
    zh: { name: '即将到期', text: '距办理期限不足3个工作日、尚未答复的意见。' },
    en: { name: 'Due soon', text: 'Opinions within 3 working days of their deadline, still unanswered.' },
  },
  unrated: {
    zh: { name: '未评价', text: '已反馈但群众未评价的意见（不计入满意率）。' },
    en: { name: 'Unrated', text: 'Opinions fed back but not rated (left out of the satisfaction rate).' },
  },
};

export const Rate = z.object({ num: z.number(), den: z.number(), value: z.number().nullable() });
export type Rate = z.infer<typeof Rate>;

export const Figures = z.object({
  received: z.number().meta({ description: 'opinions received (for a unit: lead assignments)' }),
  rates: z.partialRecord(RateKey, Rate),
  avgHandlingDays: z.number().nullable(),
  p90HandlingDays: z.number().nullable(),
  returns: z.number(),
  extensions: z.number(),
  overdueOpen: z.number(),
  dueSoon: z.number(),
  rated: z.number(),
  unrated: z.number(),
  closed: z.number(),
});
export type Figures = z.infer<typeof Figures>;

export const Compared = z.object({ current: Figures, previous: Figures, lastYear: Figures });
export type Compared = z.infer<typeof Compared>;

export const Period = z.object({ from: z.string(), to: z.string() });

export const ScopeKind = z.enum(['area', 'unit']);
export type ScopeKind = z.infer<typeof ScopeKind>;

export const RankedRow = z.object({ id: z.number(), name: z.string(), rank: z.number(), figures: Figures });
export type RankedRow = z.infer<typeof RankedRow>;

export const Dashboard = z
  .object({
    scope: z.object({ kind: ScopeKind, orgId: z.number(), name: z.string() }),
    period: Period,
    previous: Period,
    lastYear: Period,
    asOf: z.string().nullable().meta({ description: 'when the rollups were last brought up to date' }),
    totals: Compared,
    series: z.array(z.object({ bucket: z.string(), received: z.number(), closed: z.number() })),
    seriesBy: z.enum(['day', 'month']),
    children: z.array(RankedRow).meta({ description: 'streets of a district, stations of a street, ranked' }),
    units: z.array(RankedRow),
    deputies: z.array(RankedRow),
    categories: z.array(z.object({ id: z.number(), name: z.string(), received: z.number() })),
    channels: z.array(z.object({ channel: z.string(), received: z.number() })),
    receptions: z.object({ held: z.number(), visitors: z.number(), deputiesPresent: z.number() }),
  })
  .meta({ id: 'StatisticsDashboard' });
export type Dashboard = z.infer<typeof Dashboard>;

const day = z.iso.date();

export const DashboardQuery = z.object({
  from: day.optional(),
  to: day.optional(),
  orgId: IdParam.optional().meta({ description: 'a street, station or unit within your scope (default: your widest)' }),
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** Count figures a drill-down can list (besides the parts of a rate). */
export const countFigures = ['received', 'overdueOpen', 'dueSoon', 'returns', 'extensions', 'closed'] as const;
export const DrillFigure = z.enum([...rateKeys, ...countFigures]);
export type DrillFigure = z.infer<typeof DrillFigure>;

export const DrillQuery = DashboardQuery.extend({
  figure: DrillFigure,
  part: z.enum(['all', 'met', 'missed']).default('all').meta({
    description: 'for a rate: all (its denominator), met (its numerator) or missed (the difference)',
  }),
  categoryId: IdParam.optional(),
  channel: Channel.optional(),
  cursor: IdParam.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type DrillQuery = z.infer<typeof DrillQuery>;

export const DrillRow = z.object({
  id: z.number(),
  receiptCode: z.string(),
  state: z.string(),
  content: z.string(),
  createdAt: z.string(),
  orgName: z.string(),
});
export const DrillPage = z.object({ items: z.array(DrillRow), nextCursor: z.number().nullable() });
export type DrillPage = z.infer<typeof DrillPage>;

export const Topics = z.object({
  keywords: z.array(z.object({ word: z.string(), weight: z.number(), count: z.number() })),
  clusters: z.array(
    z.object({
      label: z.string(),
      keywords: z.array(z.string()),
      count: z.number(),
      stations: z.array(z.object({ id: z.number(), name: z.string(), count: z.number() })),
      trend: z.array(z.object({ bucket: z.string(), count: z.number() })),
      opinionIds: z.array(z.number()),
      links: z
        .array(z.object({ kind: z.enum(['project', 'suggestion']), targetId: z.number() }))
        .meta({ description: 'what the cluster (any of its opinions) was already turned into' }),
    }),
  ),
});
export type Topics = z.infer<typeof Topics>;

export const signalKinds = ['bouncing', 'tooFast', 'boilerplate', 'dissatisfiedClosed'] as const;
export const SignalKind = z.enum(signalKinds);
export type SignalKind = z.infer<typeof SignalKind>;
export const signalDefinitions: Record<SignalKind, Definition> = {
  bouncing: {
    zh: { name: '来回退回', text: '同一意见被退回2次及以上，或在2个以上承办单位之间流转。' },
    en: { name: 'Bouncing returns', text: 'Returned twice or more, or passed between more than two units.' },
  },
  tooFast: {
    zh: { name: '办结过快', text: '从交办到答复“已解决”不足2小时。' },
    en: { name: 'Closed implausibly fast', text: 'Answered "solved" less than 2 hours after assignment.' },
  },
  boilerplate: {
    zh: { name: '答复雷同', text: '同一承办单位对3件及以上不同意见给出相同的答复。' },
    en: { name: 'Boilerplate answers', text: 'One unit gave the same answer to three or more different opinions.' },
  },
  dissatisfiedClosed: {
    zh: { name: '不满意后未改变即办结', text: '群众不满意后重新交办，但再次答复与上次相同或在1小时内答复即办结。' },
    en: {
      name: 'Dissatisfied, closed without change',
      text: 'Reassigned after a dissatisfied rating, then answered with the same text or within an hour, and closed.',
    },
  },
};
export const Signals = z.object({
  items: z.array(
    z.object({
      kind: SignalKind,
      opinionIds: z.array(z.number()),
      unitName: z.string().nullable(),
      evidence: z.string(),
    }),
  ),
});
export type Signals = z.infer<typeof Signals>;

// ——— suggestions and livelihood projects ———

/** The rates of deputies' suggestions, defined once (the sums are those of the suggestion rollups). */
export const suggestionRateKeys = [
  'onTimeRate',
  'firstSatisfactionRate',
  'finalSatisfactionRate',
  'resolutionRate',
] as const;
export const SuggestionRateKey = z.enum(suggestionRateKeys);
export type SuggestionRateKey = z.infer<typeof SuggestionRateKey>;
export const suggestionRateDefinitions: Record<SuggestionRateKey, Definition & { num: string; den: string }> = {
  onTimeRate: {
    num: 'on_time',
    den: 'answered',
    zh: {
      name: '建议按时答复率',
      text: '在答复期限内首次书面答复的建议 ÷ 已答复的建议（已立案编号、未撤回、未并案）。',
    },
    en: {
      name: 'Suggestions answered on time',
      text: 'Suggestions first answered in writing by the due date ÷ suggestions answered (numbered, not withdrawn or merged).',
    },
  },
  firstSatisfactionRate: {
    num: 'first_satisfied',
    den: 'first_rated',
    zh: { name: '建议初次满意率', text: '初次测评中沟通和结果均非“不满意”的建议 ÷ 已初次测评的建议。' },
    en: {
      name: 'First satisfaction (suggestions)',
      text: 'Suggestions whose first rating of neither communication nor result is "dissatisfied" ÷ suggestions rated once.',
    },
  },
  finalSatisfactionRate: {
    num: 'final_satisfied',
    den: 'final_rated',
    zh: { name: '建议最终满意率', text: '最近一次测评中沟通和结果均非“不满意”的建议 ÷ 已测评的建议。' },
    en: {
      name: 'Final satisfaction (suggestions)',
      text: 'Suggestions whose latest rating of neither communication nor result is "dissatisfied" ÷ suggestions rated.',
    },
  },
  resolutionRate: {
    num: 'class_a',
    den: 'answered',
    zh: { name: '建议解决率', text: '最近一次答复为A类（已解决或采纳）的建议 ÷ 已答复的建议。' },
    en: {
      name: 'Suggestions resolved',
      text: 'Suggestions whose latest answer is class A (solved or adopted) ÷ suggestions answered.',
    },
  },
};

export const SuggestionFigures = z.object({
  submitted: z.number().meta({ description: 'submitted (drafts are the deputies’ own and not counted)' }),
  counted: z.number().meta({ description: 'accepted and numbered, not withdrawn or merged' }),
  answered: z.number(),
  rates: z.record(SuggestionRateKey, Rate),
  classes: z.object({ A: z.number(), B: z.number(), C: z.number(), D: z.number() }),
  redo: z.number(),
  overdue: z.number(),
});
export type SuggestionFigures = z.infer<typeof SuggestionFigures>;

export const WorkStats = z
  .object({
    suggestions: z.object({
      totals: SuggestionFigures,
      byState: z.array(z.object({ state: z.string(), count: z.number() })),
      units: z.array(z.object({ id: z.number(), name: z.string(), figures: SuggestionFigures })),
    }),
    projects: z.object({
      years: z.object({ from: z.number(), to: z.number() }),
      total: z.number(),
      cost: z.number().meta({ description: 'yuan, summed over the projects counted' }),
      byState: z.array(z.object({ state: z.string(), count: z.number(), cost: z.number() })),
      byRating: z.array(z.object({ rating: z.string(), count: z.number() })),
    }),
  })
  .meta({ id: 'StatisticsWork' });
export type WorkStats = z.infer<typeof WorkStats>;

export const workFigures = ['submitted', 'counted', 'answered', 'overdue', ...suggestionRateKeys] as const;
export const WorkDrillQuery = DashboardQuery.extend({
  kind: z.enum(['suggestion', 'project']),
  figure: z.enum(workFigures).default('submitted'),
  part: z.enum(['all', 'met', 'missed']).default('all'),
  state: z.string().trim().max(30).optional(),
  rating: z.string().trim().max(30).optional(),
  unitId: IdParam.optional(),
});
export type WorkDrillQuery = z.infer<typeof WorkDrillQuery>;
export const WorkDrillPage = z.object({
  items: z.array(
    z.object({
      id: z.number(),
      number: z.string().nullable(),
      title: z.string(),
      state: z.string(),
      detail: z.string(),
    }),
  ),
  truncated: z.boolean(),
});
export type WorkDrillPage = z.infer<typeof WorkDrillPage>;

export const projectStateLabels: Record<string, { zh: string; en: string }> = {
  reserve: { zh: '储备', en: 'In reserve' },
  shortlisted: { zh: '入围', en: 'Shortlisted' },
  excluded: { zh: '未入围', en: 'Excluded' },
  chosen: { zh: '票决选中', en: 'Chosen' },
  notChosen: { zh: '未选中', en: 'Not chosen' },
  inProgress: { zh: '实施中', en: 'In progress' },
  paused: { zh: '暂停', en: 'Paused' },
  done: { zh: '已完成', en: 'Done' },
  terminated: { zh: '已终止', en: 'Terminated' },
};
export const projectRatingLabels: Record<string, { zh: string; en: string }> = {
  satisfied: { zh: '满意', en: 'Satisfied' },
  basicallySatisfied: { zh: '基本满意', en: 'Basically satisfied' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  '': { zh: '未测评', en: 'Not rated' },
};

// ——— compliance in one place ———

export const complianceRuleCodes = [
  'opinionResponse',
  'opinionOnTime',
  'opinionFeedback',
  'suggestionOnTime',
  'stationComposition',
  'receptionCadence',
  'districtDeputyReception',
  'groupActivities',
] as const;
export const ComplianceRuleCode = z.enum(complianceRuleCodes);
export const ComplianceBreach = z.object({
  kind: z.enum(['opinion', 'suggestion', 'station', 'deputy', 'group']),
  id: z.number(),
  name: z.string(),
  detail: z.string(),
});
export const StatCompliance = z
  .object({
    scope: z.object({ orgId: z.number(), name: z.string() }),
    period: Period,
    asOf: z.string(),
    rules: z.array(
      z.object({
        code: ComplianceRuleCode,
        name: z.string(),
        text: z.string(),
        /** the figure's rate (when the rule is a rate): met / due */
        rate: Rate.nullable(),
        count: z.number().meta({ description: 'breaches' }),
        breaches: z.array(ComplianceBreach).meta({ description: 'the first 50' }),
        /** null: not checked for this user (no grant to read that module) */
        checked: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'StatisticsCompliance' });
export type StatCompliance = z.infer<typeof StatCompliance>;

export const ReportQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  orgId: IdParam.optional(),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

/** The data behind one chart or table of the dashboard, as a file. */
export const chartParts = [
  'series',
  'categories',
  'channels',
  'children',
  'units',
  'deputies',
  'suggestions',
  'projects',
] as const;
export const ChartExportQuery = DashboardQuery.extend({
  part: z.enum(chartParts),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type ChartExportQuery = z.infer<typeof ChartExportQuery>;

export const TopicProjectInput = z.object({
  opinionIds: z.array(z.number().int().positive()).min(1).max(500),
  label: z.string().trim().min(1).max(100),
  project: ProjectInput.omit({ source: true, sourceOpinionId: true, sourceSuggestionId: true }),
});
export type TopicProjectInput = z.infer<typeof TopicProjectInput>;

/**
 * A hot-topic cluster turned into a suggestion draft: by a deputy for themselves, or by the
 * committee for a deputy (`deputyId`); the session defaults to the newest open one of the deputy.
 */
export const TopicSuggestionInput = z.object({
  opinionIds: z.array(z.number().int().positive()).min(1).max(200),
  label: z.string().trim().min(1).max(100),
  title: z.string().trim().min(1).max(200),
  from: day.optional(),
  to: day.optional(),
  deputyId: z.number().int().positive().optional(),
  sessionId: z.number().int().positive().optional(),
});
export type TopicSuggestionInput = z.infer<typeof TopicSuggestionInput>;

/** Where a suggestion came from, when it was drafted from a hot topic. */
export const TopicOrigin = z.object({
  origin: z
    .object({ label: z.string(), opinions: z.number(), createdAt: z.string() })
    .nullable()
    .meta({ description: 'the hot-topic cluster the suggestion was drafted from (null: none)' }),
});
export type TopicOrigin = z.infer<typeof TopicOrigin>;

/** Channel names for files the server writes (the console has its own in its messages). */
export const channelLabels: Record<string, { zh: string; en: string }> = {
  reception: { zh: '接待活动', en: 'Reception' },
  online: { zh: '网上联络站', en: 'Online station' },
  qrCode: { zh: '扫码反映', en: 'QR code' },
  phone: { zh: '电话', en: 'Phone' },
  visit: { zh: '来访', en: 'Visit' },
  letter: { zh: '来信', en: 'Letter' },
  informant: { zh: '民情联络员', en: 'Informant' },
};
