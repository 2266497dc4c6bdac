import { z } from 'zod';
import { Id, IdParam, Mobile, Phone } from './common.js';
import { ClockTime } from './reception-rule.js';

/** 接待方式: 定期, 主题, 预约, 流动, 上门, 网上 (GLOSSARY `reception.mode`). */
export const ReceptionMode = z.enum(['regular', 'themed', 'appointment', 'mobile', 'homeVisit', 'online']);
export type ReceptionMode = z.infer<typeof ReceptionMode>;
/** planned (in a plan, not yet announced) → published (notice out) → closed (record done); or cancelled. */
export const ReceptionStatus = z.enum(['planned', 'published', 'cancelled', 'closed']);
export type ReceptionStatus = z.infer<typeof ReceptionStatus>;
export const PlanStatus = z.enum(['draft', 'submitted', 'approved']);

const chinaClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * Whether a reception on `day` ending at `end` (`HH:MM`, China time) has taken place by `now`: such a
 * reception can no longer be announced (the server refuses, the console does not offer it).
 */
export function receptionHappened(day: string, end: string, now: Date = new Date()): boolean {
  const part = (type: string) => chinaClock.formatToParts(now).find((x) => x.type === type)?.value ?? '';
  const today = `${part('year')}-${part('month')}-${part('day')}`;
  return day < today || (day === today && end.slice(0, 5) <= `${part('hour')}:${part('minute')}`);
}
export type PlanStatus = z.infer<typeof PlanStatus>;
export const AppointmentStatus = z.enum(['booked', 'cancelled', 'attended', 'noShow']);
export type AppointmentStatus = z.infer<typeof AppointmentStatus>;

const dayMessage = '应为 YYYY-MM-DD 格式的日期|Expected a date as YYYY-MM-DD';
export const Day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, dayMessage);
const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => z.string().trim().max(max).nullable().optional();
/** A key the client makes up per entry: a retry with the same key is applied once. */
export const IdempotencyKey = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, '应为 8–64 位字母、数字、- 或 _|Expected 8–64 letters, digits, - or _');

export const SlotInput = z
  .object({ start: ClockTime, end: ClockTime, capacity: z.number().int().min(1).max(200) })
  .refine((s) => s.start < s.end, {
    message: '结束时间应晚于开始时间|The end time must be after the start time',
    path: ['end'],
  });

const receptionFields = {
  day: Day,
  start: ClockTime,
  end: ClockTime,
  mode: ReceptionMode,
  theme: optText(200),
  place: optText(200).meta({ description: "an address (mobile, home visit); empty = the station's address" }),
  groupId: Id.nullable().optional().meta({ description: 'a deputy group whose activity this is (小组活动)' }),
  noticeDays: z
    .number()
    .int()
    .min(0)
    .max(30)
    .optional()
    .meta({ description: 'publish the notice this many days ahead (default 3)' }),
  deputyIds: z.array(Id).max(30).optional().meta({ description: 'duty deputies (值班代表); default: the rota' }),
  consultantIds: z.array(Id).max(10).optional().meta({ description: 'users with the consultant role present' }),
  slots: z.array(SlotInput).max(20).optional().meta({ description: 'appointment slots (预约时段)' }),
};
const timesInOrder = (r: { start?: string; end?: string }) => !r.start || !r.end || r.start < r.end;
const timesMessage = { message: '结束时间应晚于开始时间|The end time must be after the start time', path: ['end'] };

export const ReceptionInput = z
  .object({ stationId: Id, planId: Id.nullable().optional(), ...receptionFields })
  .refine(timesInOrder, timesMessage);
export type ReceptionInput = z.infer<typeof ReceptionInput>;

/** A change; moving the day or time needs a reason (booked constituents are told). */
export const ReceptionPatch = z
  .object({ ...receptionFields, reason: optText(500) })
  .partial()
  .refine(timesInOrder, timesMessage);
export type ReceptionPatch = z.infer<typeof ReceptionPatch>;

export const CancelRequest = z.object({ reason: text(500) });

export const DutyView = z.object({
  deputyId: z.number(),
  name: z.string(),
  levels: z.array(z.string()),
  isLeadingCadre: z.boolean(),
  signedInAt: z.string().nullable(),
  signInMethod: z.enum(['qr', 'officer']).nullable(),
});
export const SlotView = z.object({
  id: z.number(),
  start: z.string(),
  end: z.string(),
  capacity: z.number(),
  booked: z.number(),
});
export const ReceptionSummary = z
  .object({
    id: z.number(),
    stationId: z.number(),
    stationName: z.string(),
    planId: z.number().nullable(),
    groupId: z.number().nullable(),
    groupName: z.string().nullable(),
    day: z.string(),
    start: z.string(),
    end: z.string(),
    mode: ReceptionMode,
    theme: z.string().nullable(),
    place: z.string().nullable(),
    status: ReceptionStatus,
    noticeDays: z.number(),
    publishOn: z.string().meta({ description: 'the day the notice goes out (day − noticeDays)' }),
    publishedAt: z.string().nullable(),
    duty: z.array(DutyView),
    visitors: z.number(),
  })
  .meta({ id: 'ReceptionSummary' });
export type ReceptionSummary = z.infer<typeof ReceptionSummary>;

export const AppointmentView = z.object({
  id: z.number(),
  slotId: z.number(),
  slot: z.string(),
  name: z.string().meta({ description: 'masked' }),
  phone: z.string().meta({ description: 'masked' }),
  topic: z.string(),
  status: AppointmentStatus,
  createdAt: z.string(),
});
export type AppointmentView = z.infer<typeof AppointmentView>;

export const ReceptionView = ReceptionSummary.extend({
  stationAddress: z.string().nullable(),
  consultants: z.array(z.object({ userId: z.number(), displayName: z.string() })),
  slots: z.array(SlotView),
  appointments: z.array(AppointmentView),
  cancelReason: z.string().nullable(),
  previousDay: z.string().nullable(),
  rescheduleReason: z.string().nullable(),
  summary: z.string().nullable(),
  closedAt: z.string().nullable(),
  opinions: z.array(z.object({ id: z.number(), receiptCode: z.string() })),
  photos: z.array(z.object({ id: z.number(), caption: z.string().nullable(), url: z.string() })),
  can: z.object({ manage: z.boolean() }),
}).meta({ id: 'Reception' });
export type ReceptionView = z.infer<typeof ReceptionView>;

export const ListReceptionsQuery = z
  .object({
    stationId: IdParam.optional(),
    orgId: IdParam.optional().meta({ description: 'stations below this organisation' }),
    deputyId: IdParam.optional(),
    from: Day,
    to: Day,
    status: ReceptionStatus.optional(),
  })
  .refine((q) => q.from <= q.to, { message: '结束日期应不早于开始日期|"to" must not be before "from"', path: ['to'] });

// ——— at the table ———

export const SignInRequest = z.union([
  z.object({ deputyId: Id, idempotencyKey: IdempotencyKey, at: z.iso.datetime({ offset: true }).optional() }),
  z.object({
    qrToken: z.string().min(10).max(200),
    idempotencyKey: IdempotencyKey,
    at: z.iso.datetime({ offset: true }).optional(),
  }),
]);
export const VisitorsRequest = z.object({
  delta: z
    .number()
    .int()
    .min(-50)
    .max(50)
    .refine((n) => n !== 0, '不能为 0|Must not be 0'),
  idempotencyKey: IdempotencyKey,
});
/** An opinion registered at the table: goes into the closed loop with this reception and its deputies. */
export const TableOpinionRequest = z
  .object({
    content: text(5000),
    constituent: z.object({
      anonymous: z.boolean().default(false),
      name: optText(50),
      phone: Phone.nullable().optional(),
    }),
    deputyIds: z.array(Id).max(20).optional().meta({ description: 'default: the deputies signed in' }),
    idempotencyKey: IdempotencyKey,
  })
  .refine((b) => b.constituent.anonymous || !!b.constituent.name || !!b.constituent.phone, {
    message: '请填写姓名或电话，或选择匿名|Give a name or a phone number, or choose anonymous',
    path: ['constituent', 'name'],
  });
export const RecordRequest = z.object({
  summary: optText(10000),
  visitors: z.number().int().min(0).max(100000).optional(),
});
export const MarkAppointmentRequest = z.object({ status: z.enum(['attended', 'noShow', 'booked']) });
export const AppointmentParams = z.object({ id: IdParam, appointmentId: IdParam });
export const QrCodes = z.object({
  items: z.array(z.object({ deputyId: z.number(), name: z.string(), qrToken: z.string() })),
});

// ——— plans ———

export const GeneratePlanRequest = z.object({
  stationId: Id,
  year: z.number().int().min(2000).max(2100),
  perReception: z.number().int().min(1).max(10).default(2).meta({ description: 'duty deputies per reception' }),
  slotCapacity: z
    .number()
    .int()
    .min(0)
    .max(200)
    .default(5)
    .meta({ description: 'appointment places per hour of each reception; 0: no appointments' }),
});
export const PlanView = z
  .object({
    id: z.number(),
    stationId: z.number(),
    stationName: z.string(),
    year: z.number(),
    status: PlanStatus,
    note: z.string().nullable(),
    approvedAt: z.string().nullable(),
    approvedBy: z.string().nullable(),
    summary: z.string().nullable(),
    summaryAt: z.string().nullable(),
    receptions: z.array(ReceptionSummary),
    dutyCounts: z.array(z.object({ deputyId: z.number(), name: z.string(), count: z.number() })),
  })
  .meta({ id: 'ReceptionPlan' });
export type PlanView = z.infer<typeof PlanView>;
export const PlanOrArranged = z.object({
  plan: PlanView.nullable(),
  arranged: z.array(ReceptionSummary).meta({
    description: "While there is no plan: the year's receptions arranged one by one (empty once a plan exists)",
  }),
});
export type PlanOrArranged = z.infer<typeof PlanOrArranged>;
export const PlanQuery = z.object({ stationId: IdParam, year: z.coerce.number().int().min(2000).max(2100) });
export const PlanPatch = z.object({ note: optText(2000), summary: optText(10000) });
export const SummaryDraft = z.object({ summary: z.string() });

// ——— calendar views ———

export const OverviewQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100), orgId: IdParam.optional() });
export const OverviewRow = z.object({
  stationId: z.number(),
  stationName: z.string(),
  months: z.array(z.number()).meta({ description: '12 counts: receptions held or planned (not cancelled) per month' }),
  held: z.number(),
  planned: z.number(),
});
export const Overview = z.object({ year: z.number(), items: z.array(OverviewRow) });
export const FeedLink = z.object({ url: z.string() });

// ——— compliance ———

export const ComplianceQuery = z.object({ asOf: Day.optional(), orgId: IdParam.optional() });
export const Compliance = z
  .object({
    asOf: z.string(),
    stations: z.array(
      z.object({
        stationId: z.number(),
        stationName: z.string(),
        lastReception: z.string().nullable(),
        dueBy: z.string().nullable().meta({
          description: 'the latest day of the next reception (last + 2 months); null when none was ever held',
        }),
        nextScheduled: z.string().nullable(),
        state: z.enum(['missed', 'atRisk']),
      }),
    ),
    deputies: z.array(
      z.object({ deputyId: z.number(), name: z.string(), orgName: z.string(), scheduled: z.boolean() }),
    ),
    groups: z.array(z.object({ groupId: z.number(), name: z.string(), orgName: z.string(), activities: z.number() })),
  })
  .meta({ id: 'ReceptionCompliance' });
export type Compliance = z.infer<typeof Compliance>;

// ——— public (portal) ———

export const PublicReceptionsQuery = z.object({ stationId: IdParam });
export const PublicReception = z.object({
  id: z.number(),
  stationId: z.number(),
  stationName: z.string(),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  mode: ReceptionMode,
  theme: z.string().nullable(),
  place: z.string().nullable(),
  deputies: z.array(z.string()).meta({ description: 'names of the duty deputies (published by the rules)' }),
  slots: z.array(z.object({ id: z.number(), start: z.string(), end: z.string(), free: z.number() })),
});
export type PublicReception = z.infer<typeof PublicReception>;
export const BookRequest = z.object({
  slotId: Id,
  name: text(50),
  phone: Mobile,
  otpToken: z.string().min(10).max(2000).meta({ description: 'from POST /api/otp/verify for this phone' }),
  topic: text(500),
});
export const BookResult = z.object({
  booked: z.literal(true),
  day: z.string(),
  start: z.string(),
  end: z.string(),
  cancelToken: z.string().meta({ description: 'cancels the appointment (also sent by SMS as a link)' }),
});
export const CancelBookingRequest = z.object({ token: z.string().min(20).max(100) });
export const HomeVisitRequest = z.object({
  name: text(50),
  phone: Mobile,
  otpToken: z.string().min(10).max(2000),
  address: text(200),
  topic: text(500),
});
export const HomeVisitView = z.object({
  id: z.number(),
  stationId: z.number(),
  name: z.string(),
  phone: z.string(),
  topic: z.string(),
  status: z.enum(['requested', 'accepted', 'declined']),
  receptionId: z.number().nullable(),
  createdAt: z.string(),
});
export const AcceptHomeVisit = z.object({
  day: Day,
  start: ClockTime,
  end: ClockTime,
  deputyIds: z.array(Id).min(1).max(10),
});
export const DeclineHomeVisit = z.object({ reason: text(500) });
export const HomeVisitParams = z.object({ id: IdParam, requestId: IdParam });
