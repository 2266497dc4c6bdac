import { z } from 'zod';

/**
 * The official working-day calendar (法定节假日与调休): days that differ from the plain
 * Monday–Friday rule, loaded from the `chinese-days` package and correctable by an administrator.
 * Dates are China dates written `YYYY-MM-DD`.
 */

/**
 * `holiday` 法定节假日 (a day off, weekend days inside a holiday period included),
 * `adjustedWorkday` 调休上班 (a Saturday or Sunday worked), `weekend` 休息日 and `workday` 工作日
 * (an administrator's correction back to the plain rule, overriding the package).
 */
export const DayKind = z.enum(['holiday', 'adjustedWorkday', 'weekend', 'workday']);
export type DayKind = z.infer<typeof DayKind>;

/** Where a day's entry comes from; `null` in a view: no entry, the plain weekday/weekend rule. */
export const CalendarSource = z.enum(['chinese-days', 'admin']);
export type CalendarSource = z.infer<typeof CalendarSource>;

const chinaDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The calendar day in China at `instant`, `YYYY-MM-DD` (2026-12-06T16:30Z is 2026-12-07). The server
 * counts days, periods and years in China time; a screen's "today" and "this year" must too, whatever
 * the device's own time zone.
 */
export function chinaDay(instant: Date = new Date()): string {
  return chinaDayFormat.format(instant);
}

/** The year in China at `instant`. */
export function chinaYear(instant: Date = new Date()): number {
  return Number(chinaDay(instant).slice(0, 4));
}

const dayMessage = '应为 YYYY-MM-DD 格式的有效日期|Expected a valid date as YYYY-MM-DD';

function isRealDay(text: string) {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** A China date `YYYY-MM-DD` (years 1900–2199). */
export const CalendarDate = z
  .string()
  .regex(/^(19|20|21)[0-9]{2}-[0-9]{2}-[0-9]{2}$/, dayMessage)
  .refine(isRealDay, dayMessage)
  .meta({ description: 'a date in China, YYYY-MM-DD', example: '2026-10-01' });

const yearMessage = '应为 1900 到 2199 之间的年份|Expected a year from 1900 to 2199';
export const YearParams = z.object({
  year: z
    .string()
    .regex(/^(19|20|21)[0-9]{2}$/, yearMessage)
    .transform(Number),
});
export const DayParams = z.object({ day: CalendarDate });

export const CalendarDayView = z
  .object({
    day: z.string(),
    weekday: z.number().int().min(1).max(7).meta({ description: 'ISO: 1 = Monday … 7 = Sunday' }),
    isWorking: z.boolean(),
    kind: DayKind,
    name: z.string().nullable().meta({ description: 'e.g. 国庆节' }),
    nameEn: z.string().nullable(),
    source: CalendarSource.nullable(),
    note: z.string().nullable().meta({ description: "the administrator's reason for a correction" }),
    updatedBy: z.string().nullable().meta({ description: 'display name of the correcting administrator' }),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'CalendarDay' });
export type CalendarDayView = z.infer<typeof CalendarDayView>;

export const CalendarYearView = z
  .object({
    year: z.number(),
    covered: z.boolean().meta({ description: "whether the year's official arrangement is loaded or confirmed" }),
    coverage: CalendarSource.nullable(),
    workingDays: z.number().meta({ description: 'working days in the year' }),
    restDays: z.number(),
    days: z.array(CalendarDayView).meta({ description: 'every day that differs from or corrects the plain rule' }),
  })
  .meta({ id: 'CalendarYear' });
export type CalendarYearView = z.infer<typeof CalendarYearView>;

export const CorrectDayRequest = z
  .object({
    kind: DayKind,
    name: z.string().trim().max(100).nullable().optional().meta({ description: 'e.g. 国庆节; for holidays' }),
    nameEn: z.string().trim().max(100).nullable().optional(),
    note: z
      .string()
      .trim()
      .min(1, '请填写更正依据（如国务院办公厅通知文号）|Give the reason (e.g. the State Council notice)')
      .max(500)
      .meta({ description: 'why: e.g. the State Council notice 国办发明电〔2026〕x号' }),
  })
  .meta({ id: 'CorrectDayRequest' });
export type CorrectDayRequest = z.infer<typeof CorrectDayRequest>;

export const ResetDayRequest = z.object({
  note: z.string().trim().min(1, '请填写撤销原因|Give the reason').max(500),
});
export type ResetDayRequest = z.infer<typeof ResetDayRequest>;

export const ConfirmYearRequest = z.object({
  note: z
    .string()
    .trim()
    .min(1, '请填写依据（如国务院办公厅通知文号）|Give the source (e.g. the State Council notice)')
    .max(500),
});
export type ConfirmYearRequest = z.infer<typeof ConfirmYearRequest>;

export const CalendarWarning = z.enum(['currentYearMissing', 'nextYearMissing']);
export type CalendarWarning = z.infer<typeof CalendarWarning>;

export const CalendarStatus = z
  .object({
    today: z.string().meta({ description: "today's date in China" }),
    currentYear: z.number(),
    nextYear: z.number(),
    currentYearCovered: z.boolean(),
    nextYearCovered: z.boolean(),
    coveredYears: z.array(z.number()),
    warning: CalendarWarning.nullable().meta({
      description: 'currentYearMissing at any time; nextYearMissing from 1 November on',
    }),
    message: z.string().nullable().meta({ description: 'the warning in the language of the request' }),
    packageVersion: z.string(),
    packageYears: z.object({ first: z.number(), last: z.number() }),
  })
  .meta({ id: 'CalendarStatus' });
export type CalendarStatus = z.infer<typeof CalendarStatus>;

export const WorkingDaysQuery = z.object({
  from: CalendarDate,
  n: z.coerce.number().int().min(-1000).max(1000),
});
export const WorkingDaysResult = z.object({
  from: z.string(),
  n: z.number(),
  day: z.string().meta({ description: 'the n-th working day after `from` (before it when n < 0)' }),
});
