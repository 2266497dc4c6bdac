import { z } from 'zod';
import { IdParam } from './common.js';
import { Channel } from './opinions.js';

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
