import { sql } from 'kysely';
import type { DayKind } from '../../../contracts/calendar.js';
import type { Db, Tx } from '../../db/database.js';
import { assertDay, dayNumber, fromDayNumber, makeDay } from './dates.js';
import { packageEntries, type DayEntry } from './package-data.js';

/**
 * Working days on the official calendar (法定节假日与调休): a day is a working day when its
 * `calendar_day` entry says so, and otherwise when it is Monday to Friday.
 *
 * Two ways in:
 * - the one-off functions `isWorkingDay(db, day)`, `addWorkingDays(db, from, n)`,
 *   `workingDaysBetween(db, a, b)`, each reading just the rows it needs;
 * - a `WorkingCalendar` snapshot answering without the database, for code that asks many times
 *   (the supervision sweep): `await calendarCache(db).get()`, or `loadCalendar(db, years)`.
 *
 * Counting convention, everywhere: `addWorkingDays(from, n)` is the n-th working day after `from`
 * (`from` itself never counts, so an opinion assigned on a holiday still gets n full working
 * days), and `workingDaysBetween(a, b)` counts the working days d with a < d ≤ b; hence
 * `workingDaysBetween(from, addWorkingDays(from, n)) === n`.
 */

type Db_ = Db | Tx;

/** Answers about days without touching the database. */
export interface WorkingCalendar {
  /** The special entry of a day (holiday, 调休, correction), or undefined on a plain day. */
  entry(day: string): DayEntry | undefined;
  isWorkingDay(day: string): boolean;
  /** A public holiday (法定节假日, weekend days inside the holiday period included). */
  isHoliday(day: string): boolean;
  /** The n-th working day after `from` (`from` not counted); before it when n < 0; `from` when n = 0. */
  addWorkingDays(from: string, n: number): string;
  /** Working days d with a < d ≤ b; negative when b < a. */
  workingDaysBetween(a: string, b: string): number;
  /** `day` itself when it is a working day, else the first working day after it. */
  nextWorkingDay(day: string): string;
}

/** Thrown by a snapshot loaded for some years when asked about a day outside them. */
export class CalendarRangeError extends RangeError {
  constructor(
    readonly day: string,
    readonly from: number,
    readonly to: number,
  ) {
    super(`the calendar was loaded for ${from}–${to}; ${day} is outside`);
    this.name = 'CalendarRangeError';
  }
}

/** Longest stretch of non-working days we accept before deciding the data must be wrong. */
const MAX_REST_RUN = 366;

/**
 * A snapshot of special days. With `bounds` (day numbers, inclusive) it refuses days outside them
 * rather than silently applying the plain rule where entries were simply not loaded.
 */
export function calendarFromEntries(entries: Iterable<DayEntry>, bounds?: { lo: number; hi: number }): WorkingCalendar {
  const byNumber = new Map<number, DayEntry>();
  for (const e of entries) byNumber.set(dayNumber(e.day), e);

  const check = (n: number) => {
    if (bounds && (n < bounds.lo || n > bounds.hi))
      throw new CalendarRangeError(
        fromDayNumber(n),
        Number(fromDayNumber(bounds.lo).slice(0, 4)),
        Number(fromDayNumber(bounds.hi).slice(0, 4)),
      );
  };
  const working = (n: number) => {
    check(n);
    const e = byNumber.get(n);
    if (e) return e.isWorking;
    const isoDow = ((((n + 3) % 7) + 7) % 7) + 1;
    return isoDow <= 5;
  };
  const toNumber = (day: string, what: string) => dayNumber(assertDay(day, what));

  return {
    entry: (day) => {
      const n = toNumber(day, 'day');
      check(n);
      return byNumber.get(n);
    },
    isWorkingDay: (day) => working(toNumber(day, 'day')),
    isHoliday: (day) => {
      const n = toNumber(day, 'day');
      check(n);
      return byNumber.get(n)?.kind === 'holiday';
    },
    addWorkingDays: (from, count) => {
      if (!Number.isInteger(count)) throw new RangeError(`n must be a whole number, got ${count}`);
      let n = toNumber(from, 'from');
      const step = count < 0 ? -1 : 1;
      let left = Math.abs(count);
      let rest = 0;
      while (left > 0) {
        n += step;
        if (working(n)) {
          left--;
          rest = 0;
        } else if (++rest > MAX_REST_RUN) throw new RangeError('no working day within a year: calendar data is wrong');
      }
      return fromDayNumber(n);
    },
    workingDaysBetween: (a, b) => {
      const x = toNumber(a, 'a');
      const y = toNumber(b, 'b');
      const [lo, hi, sign] = x <= y ? [x, y, 1] : [y, x, -1];
      let count = 0;
      for (let n = lo + 1; n <= hi; n++) if (working(n)) count++;
      return count === 0 ? 0 : sign * count;
    },
    nextWorkingDay: (day) => {
      let n = toNumber(day, 'day');
      for (let rest = 0; !working(n); n++)
        if (++rest > MAX_REST_RUN) throw new RangeError('no working day within a year: calendar data is wrong');
      return fromDayNumber(n);
    },
  };
}

interface Row {
  day: string;
  is_working: boolean;
  kind: string;
  name: string | null;
  name_en: string | null;
}

const toEntry = (r: Row): DayEntry => ({
  day: r.day,
  isWorking: r.is_working,
  kind: r.kind as DayKind,
  name: r.name,
  nameEn: r.name_en,
});

/** Rows of calendar_day between two dates (inclusive), dates as text (never a local-midnight Date). */
async function rowsBetween(db: Db_, from?: string, to?: string): Promise<DayEntry[]> {
  let q = db
    .selectFrom('calendar_day')
    .select([sql<string>`day::text`.as('day'), 'is_working', 'kind', 'name', 'name_en'])
    .orderBy('day');
  if (from) q = q.where('day', '>=', from);
  if (to) q = q.where('day', '<=', to);
  return (await q.execute()).map(toEntry);
}

/**
 * A snapshot of the calendar from the database: every year, or only `years` (inclusive), in which
 * case asking about a day outside them throws `CalendarRangeError`.
 */
export async function loadCalendar(db: Db_, years?: { from: number; to: number }): Promise<WorkingCalendar> {
  if (!years) return calendarFromEntries(await rowsBetween(db));
  const lo = makeDay(years.from, 1, 1);
  const hi = makeDay(years.to, 12, 31);
  return calendarFromEntries(await rowsBetween(db, lo, hi), { lo: dayNumber(lo), hi: dayNumber(hi) });
}

let fromPackage: WorkingCalendar | undefined;

/**
 * The calendar straight from the `chinese-days` package, without the database (and so without
 * administrators' corrections): for code that has no database at hand, and a default for
 * reception-rule previews.
 */
export function packageCalendar(): WorkingCalendar {
  fromPackage ??= calendarFromEntries(packageEntries());
  return fromPackage;
}

/** Whether `day` is a working day. */
export async function isWorkingDay(db: Db_, day: string): Promise<boolean> {
  assertDay(day, 'day');
  const row = await db.selectFrom('calendar_day').select('is_working').where('day', '=', day).executeTakeFirst();
  if (row) return row.is_working;
  return calendarFromEntries([]).isWorkingDay(day);
}

/**
 * Runs `fn` on a snapshot of the days around `from`, widening the window until the answer fits in
 * it (a window of a few months answers any real deadline in one query).
 */
async function withWindow<T>(db: Db_, lo: string, hi: string, fn: (c: WorkingCalendar) => T): Promise<T> {
  let [a, b] = [dayNumber(lo), dayNumber(hi)];
  for (;;) {
    const entries = await rowsBetween(db, fromDayNumber(a), fromDayNumber(b));
    try {
      return fn(calendarFromEntries(entries, { lo: a, hi: b }));
    } catch (err) {
      if (!(err instanceof CalendarRangeError)) throw err;
      const width = b - a;
      a -= width;
      b += width;
    }
  }
}

/**
 * The deadline day: the n-th working day after `from` (a China date `YYYY-MM-DD`; `from` itself
 * not counted). Negative n counts back; n = 0 gives `from`.
 */
export async function addWorkingDays(db: Db_, from: string, n: number): Promise<string> {
  assertDay(from, 'from');
  if (!Number.isInteger(n)) throw new RangeError(`n must be a whole number, got ${n}`);
  const span = 2 * Math.abs(n) + 40;
  const start = dayNumber(from);
  const [lo, hi] = n < 0 ? [start - span, start] : [start, start + span];
  return withWindow(db, fromDayNumber(lo), fromDayNumber(hi), (c) => c.addWorkingDays(from, n));
}

/** The working days d with a < d ≤ b (negative when b is before a). */
export async function workingDaysBetween(db: Db_, a: string, b: string): Promise<number> {
  assertDay(a, 'a');
  assertDay(b, 'b');
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  return withWindow(db, lo, hi, (c) => c.workingDaysBetween(a, b));
}

/**
 * A process-wide snapshot of the whole calendar for code that asks many times. `get()` costs one
 * tiny query (the table's revision) and reloads only when the calendar changed, so a correction
 * made through another process or node is seen on the next `get()`; `invalidate()` drops the
 * snapshot at once (the correction service calls it after each change).
 */
export class CalendarCache {
  private snapshot: { revision: string; calendar: WorkingCalendar } | undefined;
  private loading: Promise<WorkingCalendar> | undefined;

  constructor(private readonly db: Db) {}

  async get(): Promise<WorkingCalendar> {
    const revision = await calendarRevision(this.db);
    if (this.snapshot?.revision === revision) return this.snapshot.calendar;
    this.loading ??= loadCalendar(this.db)
      .then((calendar) => {
        this.snapshot = { revision, calendar };
        return calendar;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** The snapshot held now, without asking the database (undefined before the first `get()`). */
  peek(): WorkingCalendar | undefined {
    return this.snapshot?.calendar;
  }

  invalidate(): void {
    this.snapshot = undefined;
  }
}

/** Changes whenever a calendar row is added, changed or removed. */
async function calendarRevision(db: Db_): Promise<string> {
  const { rows } = await sql<{ rev: string }>`
    SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') AS rev FROM calendar_day`.execute(db);
  return rows[0]!.rev;
}

const caches = new WeakMap<Db, CalendarCache>();

/** The process's calendar cache for this database. */
export function calendarCache(db: Db): CalendarCache {
  let c = caches.get(db);
  if (!c) caches.set(db, (c = new CalendarCache(db)));
  return c;
}
