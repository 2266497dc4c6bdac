import chineseDays from 'chinese-days';
import type { ReceptionRule } from '../../../contracts/reception-rule.js';
import { addDays, assertDay, dayNumber, daysInMonth, isoWeekday, makeDay } from './dates.js';
import { packageCalendar, type WorkingCalendar } from './working-days.js';

/** What a rule needs to know about holidays: a `WorkingCalendar` (from `calendarCache(db).get()`) will do. */
export type HolidayCalendar = Pick<WorkingCalendar, 'isHoliday' | 'nextWorkingDay'>;

/** Longest range one call accepts (annual plans ask for a year; ten leaves room). */
const MAX_SPAN_DAYS = 3660;

/**
 * The dates a reception rule gives between `from` and `to` (inclusive, China dates `YYYY-MM-DD`),
 * sorted and without repeats.
 *
 * - A date is in the range by its rule day; with `skipHolidays: 'next'` a rule day on a public
 *   holiday moves to the next working day, which may fall after `to` (it still belongs to this
 *   range) and may coincide with another rule day (kept once).
 * - Lunar rules (农历): the lunar date of each day comes from chinese-days. A `lunarDay` of 30 in a
 *   29-day lunar month means its last day (廿九). **Leap months count like any other month**: a
 *   station that receives on 每月农历十六 also does so on the 16th of 闰六月 (2025) — people go on
 *   meeting monthly, and the leap month is a month of its own. With `everyMonths` > 1 a leap month
 *   follows its base month (闰六月 is held when 六月 is).
 * - `calendar` answers which days are public holidays: pass `await calendarCache(db).get()` so
 *   that administrators' corrections count; without it the chinese-days data alone is used.
 */
export function occurrences(
  rule: ReceptionRule,
  from: string,
  to: string,
  calendar: HolidayCalendar = packageCalendar(),
): string[] {
  assertDay(from, 'from');
  assertDay(to, 'to');
  if (to < from) return [];
  if (dayNumber(to) - dayNumber(from) > MAX_SPAN_DAYS)
    throw new RangeError(`occurrences: at most ${MAX_SPAN_DAYS} days at a time`);

  const days = ruleDays(rule, from, to);
  const handling = rule.skipHolidays ?? 'none';
  const out = new Set<string>();
  for (const day of days) {
    if (handling === 'none' || !calendar.isHoliday(day)) out.add(day);
    else if (handling === 'next') out.add(calendar.nextWorkingDay(day));
  }
  return [...out].sort();
}

/** Whether month `m` (1–12) is one of the rule's months. */
function monthCounts(rule: Exclude<ReceptionRule, { kind: 'weekly' }>, m: number) {
  const every = rule.everyMonths ?? 1;
  const start = rule.startMonth ?? 1;
  return (((m - start) % every) + every) % every === 0;
}

function ruleDays(rule: ReceptionRule, from: string, to: string): string[] {
  const days: string[] = [];
  if (rule.kind === 'weekly') {
    let d = addDays(from, (rule.weekday - isoWeekday(from) + 7) % 7);
    for (; d <= to; d = addDays(d, 7)) days.push(d);
    return days;
  }
  if (rule.kind === 'lunarMonthlyDay') return lunarDays(rule, from, to);

  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const [endY, endM] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  for (; y < endY || (y === endY && m <= endM); m === 12 ? ((m = 1), y++) : m++) {
    if (!monthCounts(rule, m)) continue;
    const last = daysInMonth(y, m);
    let date: number | null;
    if (rule.kind === 'monthlyDay') {
      date = Math.min(rule.day, last);
    } else if (rule.nth === -1) {
      const lastWeekday = isoWeekday(makeDay(y, m, last));
      date = last - ((lastWeekday - rule.weekday + 7) % 7);
    } else {
      const firstWeekday = isoWeekday(makeDay(y, m, 1));
      date = 1 + ((rule.weekday - firstWeekday + 7) % 7) + (rule.nth - 1) * 7;
      // No fifth such weekday this month: nothing is held (see the contract).
      if (date > last) date = null;
    }
    if (date === null) continue;
    const day = makeDay(y, m, date);
    if (day >= from && day <= to) days.push(day);
  }
  return days;
}

/**
 * The lunar month and day of a China date. chinese-days's own date labels shift by a day on a
 * server west of UTC (it reads `YYYY-MM-DD` as local time), so the labels here are our own and
 * only its lunar fields, which it computes from day differences, are used.
 */
export function lunarDateOf(day: string): { lunarYear: number; lunarMonth: number; lunarDay: number; isLeap: boolean } {
  const l = chineseDays.getLunarDate(assertDay(day));
  return { lunarYear: l.lunarYear, lunarMonth: l.lunarMon, lunarDay: l.lunarDay, isLeap: l.isLeap };
}

function lunarDays(rule: Extract<ReceptionRule, { kind: 'lunarMonthlyDay' }>, from: string, to: string): string[] {
  const days: string[] = [];
  let today = lunarDateOf(from);
  for (let day = from; day <= to;) {
    // The next day tells whether today is the last of its lunar month (29 or 30 days).
    const next = addDays(day, 1);
    const tomorrow = lunarDateOf(next);
    if (monthCounts(rule, today.lunarMonth)) {
      const lastOfMonth = tomorrow.lunarDay === 1;
      if (today.lunarDay === rule.lunarDay || (lastOfMonth && today.lunarDay < rule.lunarDay)) days.push(day);
    }
    [day, today] = [next, tomorrow];
  }
  return days;
}
