/**
 * Calendar dates as `YYYY-MM-DD` text, always meaning a day in China (Asia/Shanghai).
 * Arithmetic goes through whole day numbers (days since 1970-01-01), never through local-time
 * `Date`s, so neither the server's time zone nor daylight saving can shift a day.
 */

import { chinaDay } from '../../../contracts/calendar.js';

const DAY_MS = 86_400_000;
const FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isDay(text: string): boolean {
  const m = FORMAT.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Throws a RangeError naming the value when it is not a `YYYY-MM-DD` date. */
export function assertDay(text: string, what = 'date'): string {
  if (!isDay(text)) throw new RangeError(`${what} must be a date YYYY-MM-DD, got ${JSON.stringify(text)}`);
  return text;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(day: string): number {
  const m = FORMAT.exec(assertDay(day));
  return Date.UTC(Number(m![1]), Number(m![2]) - 1, Number(m![3])) / DAY_MS;
}

/** The `YYYY-MM-DD` date of a day number. */
export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromDayNumber(dayNumber(day) + n);
}

/** `b − a` in calendar days. */
export function daysBetween(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(day: string): boolean {
  return isoWeekday(day) >= 6;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function makeDay(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** The date in China at `instant` (an assignment made at 2026-01-01T20:00Z is on 2026-01-02). */
export function chinaDate(instant: Date): string {
  return chinaDay(instant);
}

/** Today's date in China. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDate(now);
}

/** Minutes since midnight in China (UTC+8 all year: no daylight saving) at `instant`. */
export function chinaMinutes(instant: Date = new Date()): number {
  return (instant.getUTCHours() * 60 + instant.getUTCMinutes() + 8 * 60) % 1440;
}

/** The time of day in China at `instant`, `HH:MM` (as a reception's or activity's start is stored). */
export function chinaClock(instant: Date = new Date()): string {
  const m = chinaMinutes(instant);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
