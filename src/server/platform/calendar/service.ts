import { sql } from 'kysely';
import type {
  CalendarDayView,
  CalendarSource,
  CalendarStatus,
  CalendarYearView,
  ConfirmYearRequest,
  CorrectDayRequest,
  DayKind,
  ResetDayRequest,
} from '../../../contracts/calendar.js';
import { type Db, type Tx, inTransaction } from '../../db/database.js';
import type { Actor } from '../access/policy.js';
import type { RequestContext } from '../audit/audit.js';
import type { Platform } from '../context.js';
import { AppError, invalid, type Lang } from '../errors/errors.js';
import { addDays, chinaToday, daysBetween, isWeekend, isoWeekday, makeDay, yearOf } from './dates.js';
import { packageEntries, packageVersion, packageYears, type DayEntry } from './package-data.js';
import { authorizeManage, authorizeRead } from './policy.js';
import { calendarCache, calendarFromEntries } from './working-days.js';

type Db_ = Db | Tx;

/** Serialises every write to the calendar (imports on several nodes at start, concurrent corrections). */
async function lockCalendar(trx: Tx) {
  await sql`SELECT pg_advisory_xact_lock(7312010)`.execute(trx);
}

// ---------------------------------------------------------------------------------------------
// Import from the chinese-days package
// ---------------------------------------------------------------------------------------------

export interface ImportResult {
  years: number[];
  /** Days added, changed or removed to match the package. */
  inserted: number;
  updated: number;
  removed: number;
  /** Package days left alone because an administrator corrected them. */
  keptCorrections: number;
  /** Years newly marked as covered. */
  yearsAdded: number[];
  packageVersion: string;
}

export class CalendarImportError extends Error {
  override name = 'CalendarImportError';
}

/**
 * Makes the package rows of `years` match the installed package (inside the caller's transaction,
 * which holds the calendar lock); administrators' rows are left alone.
 */
async function applyPackage(trx: Tx, years: number[]): Promise<ImportResult> {
  const entries = packageEntries().filter((e) => years.includes(yearOf(e.day)));
  const counts = entries.length
    ? await sql<{ inserted: number; updated: number }>`
        WITH incoming AS (
          SELECT * FROM unnest(${entries.map((e) => e.day)}::date[], ${entries.map((e) => e.isWorking)}::boolean[],
                               ${entries.map((e) => e.kind)}::text[], ${entries.map((e) => e.name)}::text[],
                               ${entries.map((e) => e.nameEn)}::text[])
                   AS t(day, is_working, kind, name, name_en)
        ), up AS (
          INSERT INTO calendar_day AS c (day, is_working, kind, name, name_en, source)
          SELECT day, is_working, kind, name, name_en, 'chinese-days' FROM incoming
          ON CONFLICT (day) DO UPDATE
             SET is_working = excluded.is_working, kind = excluded.kind, name = excluded.name,
                 name_en = excluded.name_en, updated_at = now()
           WHERE c.source = 'chinese-days'
             AND (c.is_working, c.kind, c.name, c.name_en)
                 IS DISTINCT FROM (excluded.is_working, excluded.kind, excluded.name, excluded.name_en)
          RETURNING (xmax = 0) AS inserted
        )
        SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
               count(*) FILTER (WHERE NOT inserted)::int AS updated FROM up`.execute(trx)
    : { rows: [{ inserted: 0, updated: 0 }] };
  const removed = await trx
    .deleteFrom('calendar_day')
    .where('source', '=', 'chinese-days')
    .where(sql<boolean>`extract(year FROM day)::int = ANY(${years}::int[])`)
    .where(sql<boolean>`day <> ALL(${entries.map((e) => e.day)}::date[])`)
    .executeTakeFirst();
  const kept = await trx
    .selectFrom('calendar_day')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('source', '=', 'admin')
    .where(sql<boolean>`day = ANY(${entries.map((e) => e.day)}::date[])`)
    .executeTakeFirstOrThrow();
  const added = years.length
    ? await trx
        .insertInto('calendar_year')
        .values(years.map((year) => ({ year, source: 'chinese-days' })))
        .onConflict((oc) => oc.column('year').doNothing())
        .returning('year')
        .execute()
    : [];
  return {
    years,
    inserted: counts.rows[0]!.inserted,
    updated: counts.rows[0]!.updated,
    removed: Number(removed.numDeletedRows),
    keptCorrections: Number(kept.n),
    yearsAdded: added.map((a) => a.year).sort((a, b) => a - b),
    packageVersion: packageVersion(),
  };
}

/**
 * Loads every year of the installed package without an audit row: for a database being set up
 * (the test template). Running servers use `importFromPackage`, which is audited.
 */
export async function seedFromPackage(db: Db): Promise<ImportResult> {
  const result = await inTransaction(db, async (trx) => {
    await lockCalendar(trx);
    return applyPackage(trx, [...packageYears()]);
  });
  calendarCache(db).invalidate();
  return result;
}

/**
 * Brings `calendar_day` in line with the installed `chinese-days` package for `years` (default:
 * every year the package has), in one transaction. Package rows are added, changed or removed to
 * match; days an administrator corrected (source `admin`) are never touched. Audited when anything
 * changed, or always with `audit: 'always'` (the CLI command).
 */
export async function importFromPackage(
  p: Platform,
  ctx: RequestContext,
  opts: { years?: number[]; audit?: 'always' | 'onChange' } = {},
): Promise<ImportResult> {
  const available = packageYears();
  const years = opts.years ?? [...available];
  const missing = years.filter((y) => !available.includes(y));
  if (missing.length)
    throw new CalendarImportError(
      `chinese-days ${packageVersion()} has no holiday arrangement for ${missing.join(', ')} ` +
        `(it has ${available[0]}–${available.at(-1)}): upgrade it (npm install chinese-days@latest) ` +
        `or enter the days as an administrator 该版本尚无 ${missing.join('、')} 年的节假日安排`,
    );
  const result = await inTransaction(p.db, async (trx) => {
    await lockCalendar(trx);
    const r = await applyPackage(trx, years);
    if (opts.audit === 'always' || r.inserted + r.updated + r.removed + r.yearsAdded.length > 0) {
      await p.audit.record(trx, ctx, {
        action: 'calendar.import',
        subjectType: 'calendar',
        summary: {
          packageVersion: r.packageVersion,
          years: years.length > 6 ? `${years[0]}–${years.at(-1)}` : years,
          inserted: r.inserted,
          updated: r.updated,
          removed: r.removed,
          keptCorrections: r.keptCorrections,
          yearsAdded: r.yearsAdded,
        },
      });
    }
    return r;
  });
  calendarCache(p.db).invalidate();
  return result;
}

// ---------------------------------------------------------------------------------------------
// Status: is next year's arrangement there?
// ---------------------------------------------------------------------------------------------

function warningText(warning: CalendarStatus['warning'], year: number, lang: Lang): string | null {
  if (!warning) return null;
  return lang === 'en'
    ? `The official holidays and adjusted working days of ${year} are not loaded: deadlines in ${year} count ` +
        `Monday–Friday only. Upgrade chinese-days and run "liaison calendar import", or enter the days and confirm the year.`
    : `尚未载入 ${year} 年法定节假日和调休安排，${year} 年的办理期限暂按周一至周五计算。` +
        `请升级 chinese-days 后运行“liaison calendar import”，或由系统管理员录入后确认该年度。`;
}

/**
 * Whether this year's and next year's official arrangements are loaded. Next year's is published
 * by the State Council around November: from 1 November (China time) its absence is a warning,
 * shown on the console's home page and logged at start.
 */
export async function calendarStatus(db: Db_, opts: { now?: Date; lang?: Lang } = {}): Promise<CalendarStatus> {
  const today = chinaToday(opts.now);
  const currentYear = yearOf(today);
  const nextYear = currentYear + 1;
  const covered = (await db.selectFrom('calendar_year').select('year').orderBy('year').execute()).map((r) => r.year);
  const currentYearCovered = covered.includes(currentYear);
  const nextYearCovered = covered.includes(nextYear);
  const warning = !currentYearCovered
    ? ('currentYearMissing' as const)
    : !nextYearCovered && today >= makeDay(currentYear, 11, 1)
      ? ('nextYearMissing' as const)
      : null;
  const years = packageYears();
  return {
    today,
    currentYear,
    nextYear,
    currentYearCovered,
    nextYearCovered,
    coveredYears: covered,
    warning,
    message: warningText(warning, warning === 'currentYearMissing' ? currentYear : nextYear, opts.lang ?? 'zh-CN'),
    packageVersion: packageVersion(),
    packageYears: { first: years[0] ?? 0, last: years.at(-1) ?? 0 },
  };
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

function dayRows(db: Db_) {
  return db
    .selectFrom('calendar_day as c')
    .leftJoin('app_user as u', 'u.id', 'c.updated_by')
    .select([
      sql<string>`c.day::text`.as('day'),
      'c.is_working',
      'c.kind',
      'c.name',
      'c.name_en',
      'c.source',
      'c.note',
      'u.display_name as updated_by_name',
      'c.updated_at',
    ]);
}
type DayRow = Awaited<ReturnType<ReturnType<typeof dayRows>['executeTakeFirstOrThrow']>>;

function present(day: string, row: DayRow | undefined): CalendarDayView {
  if (!row) {
    const working = !isWeekend(day);
    return {
      day,
      weekday: isoWeekday(day),
      isWorking: working,
      kind: working ? 'workday' : 'weekend',
      name: null,
      nameEn: null,
      source: null,
      note: null,
      updatedBy: null,
      updatedAt: null,
    };
  }
  return {
    day,
    weekday: isoWeekday(day),
    isWorking: row.is_working,
    kind: row.kind as DayKind,
    name: row.name,
    nameEn: row.name_en,
    source: row.source as CalendarSource,
    note: row.note,
    updatedBy: row.updated_by_name,
    updatedAt: row.updated_at.toISOString(),
  };
}

/** One day as the calendar has it: its entry, or the plain weekday/weekend rule. */
export async function getDay(p: Platform, actor: Actor, day: string): Promise<CalendarDayView> {
  authorizeRead(actor);
  return present(day, await dayRows(p.db).where('c.day', '=', day).executeTakeFirst());
}

/** A year's special days (holidays, 调休, corrections) with its working-day count. */
export async function getYear(p: Platform, actor: Actor, year: number): Promise<CalendarYearView> {
  authorizeRead(actor);
  const first = makeDay(year, 1, 1);
  const last = makeDay(year, 12, 31);
  const rows = await dayRows(p.db).where('c.day', '>=', first).where('c.day', '<=', last).orderBy('c.day').execute();
  const coverage = await p.db.selectFrom('calendar_year').select('source').where('year', '=', year).executeTakeFirst();
  const entries: DayEntry[] = rows.map((r) => ({
    day: r.day,
    isWorking: r.is_working,
    kind: r.kind as DayKind,
    name: r.name,
    nameEn: r.name_en,
  }));
  const workingDays = calendarFromEntries(entries).workingDaysBetween(addDays(first, -1), last);
  const total = daysBetween(first, last) + 1;
  return {
    year,
    covered: Boolean(coverage),
    coverage: (coverage?.source as CalendarSource | undefined) ?? null,
    workingDays,
    restDays: total - workingDays,
    days: rows.map((r) => present(r.day, r)),
  };
}

// ---------------------------------------------------------------------------------------------
// Administrators' corrections
// ---------------------------------------------------------------------------------------------

const kindIsWorking: Record<DayKind, boolean> = {
  holiday: false,
  adjustedWorkday: true,
  weekend: false,
  workday: true,
};

function checkCorrection(day: string, input: CorrectDayRequest) {
  const weekend = isWeekend(day);
  if ((input.kind === 'adjustedWorkday' || input.kind === 'weekend') && !weekend)
    throw invalid({
      path: 'body.kind',
      zh: '调休上班日和休息日只能是星期六或星期日',
      en: 'An adjusted working day or a weekend day must be a Saturday or Sunday',
    });
  if (input.kind === 'workday' && weekend)
    throw invalid({
      path: 'body.kind',
      zh: '星期六、星期日上班请选择“调休上班”',
      en: 'For a Saturday or Sunday worked, choose "adjusted working day"',
    });
  if (input.kind === 'holiday' && !input.name)
    throw invalid({ path: 'body.name', zh: '请填写节假日名称', en: 'Give the name of the holiday' });
}

async function loadForUpdate(trx: Tx, day: string) {
  await lockCalendar(trx);
  return dayRows(trx).where('c.day', '=', day).executeTakeFirst();
}

const auditView = (v: CalendarDayView) => ({
  isWorking: v.isWorking,
  kind: v.kind,
  name: v.name,
  source: v.source,
  note: v.note,
});

/**
 * Sets a day's kind (holiday, 调休上班, plain weekend or workday) as an administrator: the row
 * becomes source `admin`, which imports never overwrite. Audited with before and after.
 */
export async function correctDay(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  day: string,
  input: CorrectDayRequest,
): Promise<CalendarDayView> {
  authorizeManage(actor);
  checkCorrection(day, input);
  const view = await inTransaction(p.db, async (trx) => {
    const before = present(day, await loadForUpdate(trx, day));
    const values = {
      is_working: kindIsWorking[input.kind],
      kind: input.kind,
      name: input.name || null,
      name_en: input.nameEn || null,
      source: 'admin',
      note: input.note,
      updated_by: actor.userId,
      updated_at: new Date(),
    };
    await trx
      .insertInto('calendar_day')
      .values({ day, ...values })
      .onConflict((oc) => oc.column('day').doUpdateSet(values))
      .execute();
    const after = present(day, await dayRows(trx).where('c.day', '=', day).executeTakeFirst());
    await p.audit.record(trx, ctx, {
      action: 'calendar.correct',
      subjectType: 'calendarDay',
      subjectId: day,
      summary: { before: auditView(before), after: auditView(after) },
    });
    return after;
  });
  calendarCache(p.db).invalidate();
  return view;
}

/**
 * Withdraws an administrator's correction: the day goes back to the package's entry, or to the
 * plain rule when the package has none. Audited with before and after.
 */
export async function resetDay(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  day: string,
  input: ResetDayRequest,
): Promise<CalendarDayView> {
  authorizeManage(actor);
  const view = await inTransaction(p.db, async (trx) => {
    const row = await loadForUpdate(trx, day);
    if (row?.source !== 'admin') throw new AppError('CALENDAR_NOT_CORRECTED');
    const before = present(day, row);
    const original = packageEntries().find((e) => e.day === day);
    if (original) {
      const values = {
        is_working: original.isWorking,
        kind: original.kind,
        name: original.name,
        name_en: original.nameEn,
        source: 'chinese-days',
        note: null,
        updated_by: null,
        updated_at: new Date(),
      };
      await trx.updateTable('calendar_day').set(values).where('day', '=', day).execute();
    } else {
      await trx.deleteFrom('calendar_day').where('day', '=', day).execute();
    }
    const after = present(day, await dayRows(trx).where('c.day', '=', day).executeTakeFirst());
    await p.audit.record(trx, ctx, {
      action: 'calendar.reset',
      subjectType: 'calendarDay',
      subjectId: day,
      summary: { before: auditView(before), after: auditView(after), reason: input.note },
    });
    return after;
  });
  calendarCache(p.db).invalidate();
  return view;
}

/**
 * Marks a year the package does not have yet as complete, once an administrator has entered its
 * holidays and adjusted working days by hand from the State Council's notice: the status stops
 * warning. A year already loaded from the package needs no confirming.
 */
export async function confirmYear(
  p: Platform,
  ctx: RequestContext,
  actor: Actor,
  year: number,
  input: ConfirmYearRequest,
): Promise<CalendarYearView> {
  authorizeManage(actor);
  await inTransaction(p.db, async (trx) => {
    await lockCalendar(trx);
    const existing = await trx.selectFrom('calendar_year').select('source').where('year', '=', year).executeTakeFirst();
    if (existing) throw new AppError('CALENDAR_YEAR_COVERED');
    const corrections = await trx
      .selectFrom('calendar_day')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('day', '>=', makeDay(year, 1, 1))
      .where('day', '<=', makeDay(year, 12, 31))
      .executeTakeFirstOrThrow();
    if (Number(corrections.n) === 0)
      throw invalid({
        path: 'params.year',
        zh: '该年度还没有录入任何节假日或调休日，请先录入再确认',
        en: 'No holidays or adjusted working days are entered for this year yet; enter them first',
      });
    await trx
      .insertInto('calendar_year')
      .values({ year, source: 'admin', note: input.note, updated_by: actor.userId })
      .execute();
    await p.audit.record(trx, ctx, {
      action: 'calendar.confirmYear',
      subjectType: 'calendarYear',
      subjectId: year,
      summary: { days: Number(corrections.n), note: input.note },
    });
  });
  return getYear(p, actor, year);
}

/** The n-th working day after `from` (before it when n < 0), for the console's deadline preview. */
export async function workingDayAfter(p: Platform, actor: Actor, from: string, n: number) {
  authorizeRead(actor);
  const calendar = await calendarCache(p.db).get();
  return { from, n, day: calendar.addWorkingDays(from, n) };
}
