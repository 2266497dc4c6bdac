import { z } from 'zod';
import { CalendarDate } from './calendar.js';
import { Id, IdParam } from './common.js';
import { PublicReception } from './receptions.js';

/**
 * The deputy's duty record (履职档案): activities (履职活动) recorded once each, by the system where
 * it knows them and by hand with evidence otherwise; points (履职积分) under the district's rule set
 * of the year; report-back (述职) rated by voters; bulletins (知情知政) with read receipts. Every
 * point value and band is a rule the district edits, never a constant.
 */

export const activityKinds = [
  'reception',
  'homeVisit',
  'opinionHandled',
  'suggestionLed',
  'suggestionCoSigned',
  'vote_attendance',
  'inspection',
  'research',
  'lawEnforcementCheck',
  'groupActivity',
  'training',
  'sessionAttendance',
  'standingCommitteeMeeting',
  'reportBack',
  'absence',
  'briefing',
  'meeting',
  'constituentContact',
  'memberContact',
] as const;
export const ActivityKind = z.enum(activityKinds);
export type ActivityKind = z.infer<typeof ActivityKind>;

export const activityKindLabels: Record<ActivityKind, { zh: string; en: string }> = {
  reception: { zh: '进站接待', en: 'Reception' },
  homeVisit: { zh: '上门接待', en: 'Home visit' },
  opinionHandled: { zh: '群众意见办理', en: 'Opinion handled' },
  suggestionLed: { zh: '领衔代表建议', en: 'Suggestion led' },
  suggestionCoSigned: { zh: '联名代表建议', en: 'Suggestion co-signed' },
  vote_attendance: { zh: '参加票决', en: 'Vote attended' },
  inspection: { zh: '视察', en: 'Inspection' },
  research: { zh: '调研', en: 'Research' },
  lawEnforcementCheck: { zh: '执法检查', en: 'Law-enforcement check' },
  groupActivity: { zh: '代表小组活动', en: 'Group activity' },
  training: { zh: '学习培训', en: 'Training' },
  sessionAttendance: { zh: '出席人代会', en: 'Congress session' },
  standingCommitteeMeeting: { zh: '列席常委会会议', en: 'Standing committee meeting' },
  reportBack: { zh: '向选民述职', en: 'Report-back' },
  absence: { zh: '缺席（未请假）', en: 'Absent without leave' },
  briefing: { zh: '参加情况通报会', en: 'Briefing attended' },
  meeting: { zh: '参加会议活动', en: 'Meeting attended' },
  constituentContact: { zh: '联系选民', en: 'Contact with constituents' },
  memberContact: { zh: '常委会组成人员联系', en: 'Contact by a committee member' },
};

/** Kinds the system records by itself from what other modules know; a hand entry of these must name its source. */
export const systemKinds: readonly ActivityKind[] = [
  'reception',
  'homeVisit',
  'opinionHandled',
  'suggestionLed',
  'suggestionCoSigned',
  'vote_attendance',
  'reportBack',
  'constituentContact',
  'memberContact',
];

/** Marks of quality an activity may carry (bonuses and deductions of the rule set are per mark). */
/** receptionSatisfied: a reception whose visitors rated it (basically) satisfied at the rules' share (接待满意度). */
export const activityFlags = [
  'answerA',
  'keySupervised',
  'ratedSatisfied',
  'withoutLeave',
  'receptionSatisfied',
] as const;
export const ActivityFlag = z.enum(activityFlags);
export type ActivityFlag = z.infer<typeof ActivityFlag>;
export const activityFlagLabels: Record<ActivityFlag, { zh: string; en: string }> = {
  answerA: { zh: '建议答复为 A 类', en: 'A-class answer' },
  keySupervised: { zh: '重点督办建议', en: 'Key-supervised suggestion' },
  ratedSatisfied: { zh: '选民评议满意', en: 'Rated satisfactory by voters' },
  withoutLeave: { zh: '未请假', en: 'Without leave' },
  receptionSatisfied: { zh: '接待获群众满意评价', en: 'Reception rated satisfactory by visitors' },
};

/** 接待满意度 figures: visitors' ratings of a reception (or of many) by level. */
export const ReceptionRatingFigures = z.object({
  ratings: z.number(),
  satisfied: z.number(),
  basicallySatisfied: z.number(),
  dissatisfied: z.number(),
  /** (Basically) satisfied share, 0..1, as for report-backs. */
  satisfiedShare: z.number(),
});
export type ReceptionRatingFigures = z.infer<typeof ReceptionRatingFigures>;

/** pending: a hand entry awaiting the check; confirmed: counts; rejected: does not; disputed: the deputy contests it (counts as it stands until resolved); void: struck out on a dispute. */
export const activityStates = ['pending', 'confirmed', 'rejected', 'disputed', 'void'] as const;
export const ActivityState = z.enum(activityStates);
export type ActivityState = z.infer<typeof ActivityState>;
export const activityStateLabels: Record<ActivityState, { zh: string; en: string }> = {
  pending: { zh: '待审核', en: 'To check' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  rejected: { zh: '未通过', en: 'Rejected' },
  disputed: { zh: '有异议', en: 'Disputed' },
  void: { zh: '已撤销', en: 'Struck out' },
};

/** What another module tells the record (`recordActivity`): attendance and facts only, never a vote's choice. */
export const ActivityFact = z.object({
  deputyId: Id,
  kind: ActivityKind,
  /** Unique per deputy: the same source arriving twice (sync, hand entry, another module) is one activity. */
  sourceKey: z.string().min(3).max(120),
  day: CalendarDate,
  title: z.string().trim().min(1).max(200),
  hours: z.number().min(0).max(1000).nullable().default(null),
  flags: z.array(ActivityFlag).max(4).default([]),
});
export type ActivityFact = z.infer<typeof ActivityFact>;

/** A hand entry (by the deputy, the station or the committee): evidence is attached after. */
export const HandEntryInput = z.object({
  deputyId: Id.optional().meta({
    description: "Staff entering for a deputy; a deputy's own account enters for themselves",
  }),
  kind: ActivityKind,
  day: CalendarDate,
  title: z.string().trim().min(1, '请填写活动名称|Enter the activity').max(200),
  hours: z.number().min(0).max(1000).optional(),
  note: z.string().trim().max(2000).optional(),
  /** For kinds the system knows, the source (a reception id): a hand entry of a known reception is the same activity. */
  receptionId: Id.optional(),
  flags: z.array(ActivityFlag).max(4).optional(),
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
});

export const ActivityView = z
  .object({
    id: z.number(),
    deputyId: z.number(),
    deputyName: z.string(),
    kind: ActivityKind,
    day: z.string(),
    title: z.string(),
    hours: z.number().nullable(),
    flags: z.array(ActivityFlag),
    origin: z.enum(['system', 'hand']),
    state: ActivityState,
    note: z.string().nullable(),
    checkNote: z.string().nullable(),
    dispute: z.string().nullable(),
    resolution: z.string().nullable(),
    evidence: z.array(z.object({ id: z.number(), name: z.string().nullable(), contentType: z.string() })),
    /** A reception or home visit: the visitors' ratings of it (接待满意度), null when none. */
    rating: ReceptionRatingFigures.nullable().default(null),
  })
  .meta({ id: 'DutyActivity' });
export type ActivityView = z.infer<typeof ActivityView>;

export const CheckInput = z.object({
  outcome: z.enum(['confirm', 'reject']),
  note: z.string().trim().max(500).optional(),
});
export const DisputeInput = z.object({
  reason: z.string().trim().min(2, '请说明异议理由|Give the reason').max(1000),
});
export const ResolveInput = z.object({
  outcome: z.enum(['confirm', 'correct', 'strike']),
  note: z.string().trim().min(2, '请说明处理意见|Give the decision').max(1000),
  correction: z
    .object({
      day: CalendarDate.optional(),
      title: z.string().trim().min(1).max(200).optional(),
      hours: z.number().min(0).max(1000).nullable().optional(),
      kind: ActivityKind.optional(),
    })
    .optional(),
});

export const Year = z.coerce.number().int().min(2000).max(2100);
export const RecordQuery = z.object({
  deputyId: IdParam.optional(),
  year: Year.optional().meta({ description: 'One year (default this year)' }),
  fromYear: Year.optional().meta({ description: 'A term: first year' }),
  toYear: Year.optional().meta({ description: 'A term: last year' }),
});

/** One line of the score: what was counted, at how many points, and why. */
export const ScoreLine = z.object({
  item: z.string(),
  count: z.number(),
  points: z.number(),
  subtotal: z.number(),
  note: z.string().nullable(),
});
export const Score = z.object({
  year: z.number(),
  rulesVersion: z.number().nullable(),
  lines: z.array(ScoreLine),
  total: z.number(),
  band: z.string().nullable(),
});
export type Score = z.infer<typeof Score>;

export const DutyRecord = z
  .object({
    deputy: z.object({ id: z.number(), name: z.string(), orgName: z.string() }),
    period: z.object({ fromYear: z.number(), toYear: z.number() }),
    counts: z.array(z.object({ kind: ActivityKind, count: z.number(), hours: z.number() })),
    activities: z.array(ActivityView),
    scores: z.array(Score),
    decisions: z.array(
      z.object({ id: z.number(), year: z.number(), kind: z.string(), note: z.string(), decidedAt: z.string() }),
    ),
    reports: z.array(z.object({ id: z.number(), title: z.string(), state: z.string(), result: z.unknown() })),
    /** The visitors' ratings of the receptions the deputy attended in the period (counting ones), summed. */
    receptionRatings: ReceptionRatingFigures.extend({ receptions: z.number() }),
    canDispute: z.boolean(),
    canResolve: z.boolean(),
  })
  .meta({ id: 'DutyRecord' });
export type DutyRecord = z.infer<typeof DutyRecord>;

/** A rule set (履职积分规则), versioned by the year it takes effect. */
export const PointsRules = z
  .object({
    base: z.number().min(0).max(1000),
    perKind: z.partialRecord(ActivityKind, z.number().min(-100).max(100)),
    /** Points per hour instead of per activity (e.g. training). */
    perHour: z.partialRecord(ActivityKind, z.number().min(0).max(100)).default({}),
    bonuses: z.partialRecord(ActivityFlag, z.number().min(-100).max(100)).default({}),
    /** Most points a kind may bring in a year. */
    caps: z.partialRecord(ActivityKind, z.number().min(0).max(1000)).default({}),
    /** Bands from the highest minimum down; the last one catches the rest. */
    bands: z
      .array(z.object({ label: z.string().trim().min(1).max(20), min: z.number().nullable() }))
      .min(1)
      .max(10),
    /** The station standard ("六有" by default): items with their points, and the score a station needs. */
    stationStandard: z
      .object({
        items: z
          .array(
            z.object({
              key: z.string().regex(/^[a-zA-Z]{1,30}$/),
              label: z.string().trim().min(1).max(30),
              points: z.number().min(0).max(100),
            }),
          )
          .min(1)
          .max(20),
        passScore: z.number().min(0).max(1000),
      })
      .optional(),
    /** A report-back whose share of (basically) satisfied ratings reaches this is marked ratedSatisfied. */
    reportBackSatisfied: z.number().min(0).max(1).default(0.9),
    /** A reception whose visitors' share of (basically) satisfied ratings reaches this is marked receptionSatisfied. */
    receptionSatisfied: z.number().min(0).max(1).default(0.9),
    /** Consequences the committee considers (never applied by themselves). */
    consequences: z
      .object({
        commendTop: z.number().int().min(0).max(100).default(3),
        talkBand: z.string().max(20).nullable().default(null),
        admonishAfterLowYears: z.number().int().min(1).max(10).default(2),
      })
      .default({ commendTop: 3, talkBand: null, admonishAfterLowYears: 2 }),
  })
  .meta({ id: 'PointsRules' });
export type PointsRules = z.infer<typeof PointsRules>;

export const RulesInput = z.object({ fromYear: Year, rules: PointsRules, orgId: Id.optional() });
export const RulesVersion = z.object({
  id: z.number(),
  orgId: z.number(),
  fromYear: z.number(),
  rules: PointsRules,
  createdAt: z.string(),
});

export const StandingsQuery = z.object({
  year: Year,
  quarter: z.coerce.number().int().min(1).max(4).optional(),
});
export const Standings = z.object({
  year: z.number(),
  quarter: z.number().nullable(),
  rows: z.array(
    z.object({
      rank: z.number(),
      deputyId: z.number(),
      deputyName: z.string(),
      orgName: z.string(),
      total: z.number(),
      band: z.string().nullable(),
      activities: z.number(),
      suggested: z.array(z.enum(['commendation', 'talk', 'admonition'])),
      decisions: z.array(z.string()),
    }),
  ),
});

export const decisionKinds = ['commendation', 'talk', 'admonition', 'other'] as const;
export const DecisionInput = z.object({
  deputyId: Id,
  year: Year,
  kind: z.enum(decisionKinds),
  note: z.string().trim().min(2, '请写明决定内容|Write the decision').max(2000),
});

/** Report-back (述职): aspects the voters rate, set per report (a street's local form). */
export const defaultAspects = ['依法履职', '会议期间工作', '闭会期间活动', '联系选民', '建议办理'] as const;
export const ReportInput = z.object({
  year: Year,
  title: z.string().trim().min(1).max(200).optional(),
  meetingAt: z.string().max(40).optional(),
  place: z.string().trim().max(200).optional(),
});
export const ReportPatch = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  body: z.string().max(20000).optional(),
  aspects: z.array(z.string().trim().min(1).max(30)).min(1).max(10).optional(),
  meetingAt: z.string().max(40).nullable().optional(),
  place: z.string().trim().max(200).nullable().optional(),
});
export const ReportFigure = z.object({ kind: ActivityKind, count: z.number(), cases: z.array(z.string()) });
export const ReportResult = z.object({
  ratings: z.number(),
  satisfiedShare: z.number(),
  aspects: z.array(z.object({ aspect: z.string(), average: z.number() })),
});
export const ReportView = z
  .object({
    id: z.number(),
    deputyId: z.number(),
    deputyName: z.string(),
    year: z.number(),
    title: z.string(),
    body: z.string(),
    figures: z.array(ReportFigure),
    aspects: z.array(z.string()),
    state: z.enum(['draft', 'published', 'closed']),
    meetingAt: z.string().nullable(),
    place: z.string().nullable(),
    publishedAt: z.string().nullable(),
    result: ReportResult.nullable(),
  })
  .meta({ id: 'ReportBack' });
export type ReportView = z.infer<typeof ReportView>;

export const overallRatings = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
export const ReportRatingInput = z.object({
  aspects: z.record(z.string().max(30), z.number().int().min(1).max(5)),
  overall: z.enum(overallRatings),
  comment: z.string().trim().max(500).optional(),
});

/** 知情知政: who sends, and who receives (targeted by level, area, group or topic). */
export const bulletinIssuers = ['standingCommittee', 'government', 'court', 'procuratorate'] as const;
export const bulletinIssuerLabels: Record<(typeof bulletinIssuers)[number], { zh: string; en: string }> = {
  standingCommittee: { zh: '人大常委会', en: 'Standing committee' },
  government: { zh: '人民政府', en: 'Government' },
  court: { zh: '人民法院', en: 'Court' },
  procuratorate: { zh: '人民检察院', en: 'Procuratorate' },
};
export const BulletinInput = z.object({
  issuer: z.enum(bulletinIssuers),
  title: z.string().trim().min(1, '请填写标题|Enter a title').max(200),
  body: z.string().trim().min(1, '请填写内容|Enter the text').max(20000),
  topic: z.string().trim().max(30).optional(),
  target: z
    .object({
      levels: z
        .array(z.enum(['national', 'provincial', 'municipal', 'county', 'township']))
        .max(5)
        .default([]),
      orgIds: z.array(Id).max(50).default([]),
      groupIds: z.array(Id).max(50).default([]),
    })
    .default({ levels: [], orgIds: [], groupIds: [] }),
});
export const BulletinQuery = z.object({
  q: z.string().trim().max(50).optional(),
  unread: z.enum(['true', 'false']).optional(),
});
export const BulletinView = z
  .object({
    id: z.number(),
    issuer: z.enum(bulletinIssuers),
    title: z.string(),
    body: z.string(),
    topic: z.string().nullable(),
    publishedAt: z.string(),
    readAt: z.string().nullable(),
    recipients: z.number().nullable(),
    read: z.number().nullable(),
  })
  .meta({ id: 'Bulletin' });
export type BulletinView = z.infer<typeof BulletinView>;
export const BulletinReceipts = z.object({
  items: z.array(z.object({ deputyId: z.number(), deputyName: z.string(), readAt: z.string().nullable() })),
});

/**
 * A deputy's digest (知情知政 × 代表建议): the documents pushed to them lately that concern one of
 * their open suggestions (led or co-signed, not closed), each match with why: a handling unit the
 * document names, the suggestion's category equal to the document's topic, shared keywords.
 */
export const DigestMatch = z.object({
  suggestionId: z.number(),
  number: z.string().nullable(),
  title: z.string(),
  role: z.enum(['lead', 'coSigner']),
  units: z.array(z.string()),
  category: z.string().nullable(),
  words: z.array(z.string()),
});
export const Digest = z.object({
  days: z.number(),
  openSuggestions: z.number(),
  items: z.array(z.object({ bulletin: BulletinView, matches: z.array(DigestMatch) })),
});
export type Digest = z.infer<typeof Digest>;

/** A reception (or home visit) to come that the deputy is on the duty rota of. */
export const UpcomingReception = PublicReception.omit({ deputies: true, slots: true }).extend({
  status: z.enum(['planned', 'published']),
});
export type UpcomingReception = z.infer<typeof UpcomingReception>;

/** The name of a score line (`base`, a kind, `bonus.<flag>`) in a language. */
export function scoreItemLabel(item: string, lang: 'zh' | 'en'): string {
  if (item === 'base') return lang === 'zh' ? '基础分' : 'Base points';
  if (item.startsWith('bonus.')) {
    const flag = activityFlagLabels[item.slice(6) as ActivityFlag];
    return flag ? `${lang === 'zh' ? '加减分：' : 'Bonus: '}${flag[lang]}` : item;
  }
  return activityKindLabels[item as ActivityKind]?.[lang] ?? item;
}

/** "六有" (有阵地、有制度、有计划、有公示、有资料、有档案): the default station standard, 10 points each, all six needed. */
export const sixHaves = {
  items: [
    { key: 'premises', label: '有阵地', points: 10 },
    { key: 'rules', label: '有制度', points: 10 },
    { key: 'plan', label: '有计划', points: 10 },
    { key: 'notice', label: '有公示', points: 10 },
    { key: 'materials', label: '有资料', points: 10 },
    { key: 'archive', label: '有档案', points: 10 },
  ],
  passScore: 60,
};

export const AssessmentInput = z.object({
  stationId: Id,
  year: Year,
  items: z
    .array(z.object({ key: z.string().max(30), met: z.boolean(), note: z.string().trim().max(500).optional() }))
    .max(20),
});
export const AssessmentRow = z.object({
  stationId: z.number(),
  stationName: z.string(),
  assessmentId: z.number().nullable(),
  items: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      points: z.number(),
      met: z.boolean(),
      note: z.string().nullable(),
      evidence: z.array(z.object({ id: z.number(), contentType: z.string() })),
    }),
  ),
  score: z.number().nullable(),
  passScore: z.number(),
  passed: z.boolean(),
});
export const Assessments = z.object({ year: z.number(), rows: z.array(AssessmentRow) });

export const awardCategories = [
  'excellentDeputy',
  'advancedGroup',
  'excellentSuggestion',
  'advancedStation',
  'advancedUnit',
] as const;
export const AwardCategory = z.enum(awardCategories);
export const awardCategoryLabels: Record<(typeof awardCategories)[number], { zh: string; en: string }> = {
  excellentDeputy: { zh: '优秀代表', en: 'Excellent deputy' },
  advancedGroup: { zh: '先进代表小组', en: 'Advanced deputy group' },
  excellentSuggestion: { zh: '优秀代表建议', en: 'Excellent suggestion' },
  advancedStation: { zh: '先进联络站', en: 'Advanced station' },
  advancedUnit: { zh: '建议办理先进单位', en: 'Advanced unit in handling suggestions' },
};
export const Nominations = z.object({
  year: z.number(),
  category: AwardCategory,
  rows: z.array(
    z.object({
      rank: z.number(),
      subjectId: z.number(),
      name: z.string(),
      basis: z.string(),
      awarded: z.boolean(),
    }),
  ),
});
export const AwardInput = z.object({
  year: Year,
  category: AwardCategory,
  subjectId: Id,
  note: z.string().trim().min(2, '请写明评选决定|Write the decision').max(2000),
});

/** A training session (代表培训) with its attendance: each attending deputy gets one training activity with the hours. */
export const TrainingInput = z.object({
  sessionKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, '应为 8–64 位字母、数字、- 或 _|Expected 8–64 letters, digits, - or _'),
  title: z.string().trim().min(1, '请填写培训名称|Enter the training').max(200),
  day: CalendarDate,
  hours: z.number().min(0.5).max(200),
  deputyIds: z.array(Id).min(1).max(500),
});

/** Kinds of planned activity (other than receptions) with their own plan and sign-in at the place. */
export const eventKinds = [
  'inspection',
  'research',
  'lawEnforcementCheck',
  'groupActivity',
  'training',
  'briefing',
  'meeting',
  'standingCommitteeMeeting',
] as const satisfies readonly ActivityKind[];
export const EventKind = z.enum(eventKinds);

/** A planned activity: invited deputies, or open for sign-up (briefings, trainings); signed in at the place. */
export const EventInput = z.object({
  orgId: Id.meta({ description: 'The organising body (district, street or station)' }),
  kind: EventKind,
  title: z.string().trim().min(1, '请填写活动名称|Enter the activity').max(200),
  place: z.string().trim().max(200).optional(),
  day: CalendarDate,
  startsAt: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '时间格式为 HH:MM|Expected HH:MM'),
  hours: z.number().gt(0, '学时应大于 0|Hours must be above 0').max(200),
  signup: z.boolean().default(false),
  capacity: z.number().int().min(1).max(5000).optional(),
  note: z.string().trim().max(2000).optional(),
  deputyIds: z.array(Id).max(2000).default([]),
});
export const EventsQuery = z.object({
  year: Year.optional(),
  kind: EventKind.optional(),
});
export const EventView = z
  .object({
    id: z.number(),
    orgId: z.number(),
    orgName: z.string(),
    kind: EventKind,
    title: z.string(),
    place: z.string().nullable(),
    day: z.string(),
    startsAt: z.string(),
    hours: z.number(),
    signup: z.boolean(),
    capacity: z.number().nullable(),
    note: z.string().nullable(),
    state: z.enum(['planned', 'cancelled']),
    cancelReason: z.string().nullable(),
    enrolled: z.number(),
    signedIn: z.number(),
    /** For a deputy: their own standing. */
    mine: z.object({ enrolled: z.boolean(), signedInAt: z.string().nullable(), canSignUp: z.boolean() }).nullable(),
    canManage: z.boolean(),
  })
  .meta({ id: 'DutyEvent' });
export type EventView = z.infer<typeof EventView>;
export const EventRoster = z.object({
  items: z.array(
    z.object({
      deputyId: z.number(),
      name: z.string(),
      enrolled: z.boolean(),
      enrolledSelf: z.boolean(),
      signedInAt: z.string().nullable(),
      method: z.enum(['qr', 'code', 'staff']).nullable(),
    }),
  ),
});
/** The sign-in code shown at the place: a QR token (signed, with its expiry) and a 6-digit short code. */
export const EventCode = z.object({
  qrToken: z.string(),
  shortCode: z.string(),
  expiresAt: z.string(),
});
export type EventCode = z.infer<typeof EventCode>;
export const EventCodeInput = z.object({
  minutes: z.number().int().min(5).max(720).default(60),
});
export const EventSignInInput = z
  .object({
    qrToken: z.string().trim().max(200).optional(),
    shortCode: z
      .string()
      .trim()
      .regex(/^[0-9]{6}$/, '签到码为 6 位数字|The code is 6 digits')
      .optional(),
    /** Staff signing a deputy in by hand. */
    deputyId: Id.optional(),
  })
  .refine((v) => [v.qrToken, v.shortCode, v.deputyId].filter((x) => x !== undefined).length === 1, {
    message: '请扫码或输入签到码|Scan the code or enter it',
    path: ['shortCode'],
  });
export const EventSignInResult = z.object({
  eventId: z.number(),
  title: z.string(),
  signedInAt: z.string(),
  already: z.boolean(),
});

/** 两联系: contact modes. */
export const contactModes = ['visit', 'phone', 'meeting', 'online'] as const;
export const contactModeLabels: Record<(typeof contactModes)[number], { zh: string; en: string }> = {
  visit: { zh: '走访', en: 'Visit' },
  phone: { zh: '电话', en: 'Phone' },
  meeting: { zh: '座谈', en: 'Meeting' },
  online: { zh: '网络', en: 'Online' },
};
/** A contact: the deputy with constituents, or a paired standing-committee member with the deputy. */
export const ContactInput = z.object({
  kind: z.enum(['constituents', 'member']),
  deputyId: Id.optional().meta({ description: "The deputy (a deputy's own account may leave it out)" }),
  day: CalendarDate,
  mode: z.enum(contactModes),
  people: z.number().int().min(1).max(10000).optional(),
  summary: z.string().trim().min(2, '请简述联系情况|Describe the contact').max(2000),
});
export const PairingInput = z.object({ memberId: Id, deputyId: Id });
export const ContactsView = z.object({
  pairings: z.array(
    z.object({
      id: z.number(),
      memberId: z.number(),
      memberName: z.string(),
      deputyId: z.number(),
      deputyName: z.string(),
    }),
  ),
  contacts: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(['constituents', 'member']),
      deputyId: z.number(),
      deputyName: z.string(),
      memberName: z.string().nullable(),
      day: z.string(),
      mode: z.enum(contactModes),
      people: z.number().nullable(),
      summary: z.string(),
    }),
  ),
});
export type ContactsView = z.infer<typeof ContactsView>;
/** A ledger (台账) for an organisation and period. */
export const LedgerQuery = z.object({
  orgId: IdParam,
  from: CalendarDate,
  to: CalendarDate,
});

/** Changes to a planned activity (only what is given changes); the invited deputies are told. */
export const EventEditInput = z
  .object({
    title: z.string().trim().min(1, '请填写活动名称|Enter the activity').max(200).optional(),
    place: z.string().trim().max(200).optional(),
    day: CalendarDate.optional(),
    startsAt: z
      .string()
      .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '时间格式为 HH:MM|Expected HH:MM')
      .optional(),
    hours: z.number().gt(0, '学时应大于 0|Hours must be above 0').max(200).optional(),
    capacity: z.number().int().min(1).max(5000).nullable().optional(),
    note: z.string().trim().max(2000).optional(),
    addDeputyIds: z.array(Id).max(2000).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: '没有要修改的内容|Nothing to change',
    path: ['title'],
  });
export type EventEditInput = z.infer<typeof EventEditInput>;
export const EventCancelInput = z.object({
  reason: z.string().trim().min(2, '请填写取消原因|Give the reason').max(500),
});

/** 接待满意度: a visitor's rating of the reception itself (on the spot or through the SMS link). */
export const ReceptionRatingToken = z
  .string()
  .trim()
  .regex(/^[ra][0-9a-z]{1,11}\.[A-Za-z0-9_-]{16}$/, '评价链接无效|The rating link is invalid');
export const ReceptionRatingInput = z.object({
  token: ReceptionRatingToken,
  overall: z.enum(overallRatings, { error: '请选择满意程度|Choose how satisfied you are' }),
  comment: z.string().trim().max(500).optional(),
  /** On the spot: a random value the visitor's browser keeps, so that one visitor's second rating replaces the first. */
  nonce: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,64}$/, '设备标识无效|Invalid device nonce')
    .optional(),
});
export const PublicReceptionForRating = z.object({
  stationName: z.string(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  theme: z.string().nullable(),
  open: z.boolean().meta({ description: 'Whether ratings are still taken (until 14 days after the day)' }),
});
export const ReceptionRatingsQuery = z.object({
  year: Year.optional(),
  stationId: IdParam.optional().meta({ description: 'One station only (its page)' }),
});
export const ReceptionRatingsView = z.object({
  stations: z.array(ReceptionRatingFigures.extend({ stationId: z.number(), stationName: z.string() })),
  receptions: z.array(
    ReceptionRatingFigures.extend({
      receptionId: z.number(),
      stationId: z.number(),
      stationName: z.string(),
      day: z.string(),
      start: z.string(),
      theme: z.string().nullable(),
      status: z.string(),
      comments: z.array(z.string()),
    }),
  ),
});
export type ReceptionRatingsView = z.infer<typeof ReceptionRatingsView>;
export const ReceptionRatingLink = z.object({ token: z.string(), url: z.string() });
