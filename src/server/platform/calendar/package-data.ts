import { createRequire } from 'node:module';
import type { DayKind } from '../../../contracts/calendar.js';
import { isWeekend, yearOf } from './dates.js';

/** One day that differs from the plain Monday–Friday rule (or an administrator's correction). */
export interface DayEntry {
  day: string;
  isWorking: boolean;
  kind: DayKind;
  name: string | null;
  nameEn: string | null;
}

interface RawData {
  /** date → "English name,中文名,days" */
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const require = createRequire(import.meta.url);
let cached: { entries: DayEntry[]; years: number[]; version: string } | undefined;

/**
 * The official holidays (法定节假日) and adjusted working days (调休上班) of the `chinese-days`
 * package, one entry per day, in date order. The package ships them as JSON beside its code.
 */
function load() {
  if (cached) return cached;
  const raw = require('chinese-days/dist/chinese-days.json') as RawData;
  const version = (require('chinese-days/package.json') as { version: string }).version;
  const names = (value: string) => {
    const [en, zh] = value.split(',');
    return { name: zh?.trim() || null, nameEn: en?.trim() || null };
  };
  const entries: DayEntry[] = [
    ...Object.entries(raw.holidays).map(([day, v]) => ({
      day,
      isWorking: false,
      kind: 'holiday' as const,
      ...names(v),
    })),
    // Every adjusted working day the package lists is a Saturday or Sunday; a weekday one would
    // change nothing, so it is kept as an ordinary working day.
    ...Object.entries(raw.workdays).map(([day, v]) => ({
      day,
      isWorking: true,
      kind: isWeekend(day) ? ('adjustedWorkday' as const) : ('workday' as const),
      ...names(v),
    })),
  ].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const years = [...new Set(entries.map((e) => yearOf(e.day)))].sort((a, b) => a - b);
  cached = { entries, years, version };
  return cached;
}

/** Every special day the package knows, in date order. */
export function packageEntries(): readonly DayEntry[] {
  return load().entries;
}

/** The years whose official arrangement the package holds. */
export function packageYears(): readonly number[] {
  return load().years;
}

/** The installed `chinese-days` version (shown with the calendar's status). */
export function packageVersion(): string {
  return load().version;
}
