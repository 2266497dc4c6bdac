import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { addDays, chinaDate, dayNumber, fromDayNumber, isDay, isoWeekday } from './dates.js';
import { packageEntries, packageYears } from './package-data.js';
import {
  CalendarRangeError,
  addWorkingDays,
  calendarCache,
  calendarFromEntries,
  isWorkingDay,
  loadCalendar,
  packageCalendar,
  workingDaysBetween,
  type WorkingCalendar,
} from './working-days.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let db: WorkingCalendar;

beforeAll(async () => {
  t = await createTestPlatform();
  db = await loadCalendar(t.platform.db);
});
afterAll(async () => {
  await t.close();
});

/** A day from 2025-01-01 to 2026-12-31 (the years the installed data covers for certain). */
const day2526 = fc.integer({ min: dayNumber('2025-01-01'), max: dayNumber('2026-12-31') }).map((n) => fromDayNumber(n));

describe('dates', () => {
  it('are China dates, whatever the hour in UTC', () => {
    expect(chinaDate(new Date('2026-01-01T15:59:59Z'))).toBe('2026-01-01');
    expect(chinaDate(new Date('2026-01-01T16:00:00Z'))).toBe('2026-01-02');
    expect(chinaDate(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
  });
  it('know weekdays and real dates', () => {
    expect(isoWeekday('2025-09-28')).toBe(7);
    expect(isoWeekday('2025-10-11')).toBe(6);
    expect(isoWeekday('2026-02-17')).toBe(2);
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-2-1')).toBe(false);
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });
});

describe('the data loaded into calendar_day', () => {
  it('holds at least 2025 and 2026 from chinese-days', () => {
    expect(packageYears()).toEqual(expect.arrayContaining([2025, 2026]));
  });

  it('matches the package day for day', async () => {
    for (const e of packageEntries()) {
      expect(db.entry(e.day), e.day).toEqual(e);
    }
  });
});

describe('2025 National Day and Mid-Autumn (国庆中秋 10-01 … 10-08, 调休 09-28 and 10-11)', () => {
  it.each([
    ['2025-09-27', false], // Saturday
    ['2025-09-28', true], // Sunday worked (调休上班)
    ['2025-09-30', true],
    ['2025-10-01', false],
    ['2025-10-04', false], // a Saturday inside the holiday
    ['2025-10-06', false], // 中秋
    ['2025-10-08', false], // Wednesday, still off
    ['2025-10-09', true],
    ['2025-10-11', true], // Saturday worked
    ['2025-10-12', false],
  ])('%s working: %s', async (day, working) => {
    expect(db.isWorkingDay(day)).toBe(working);
    expect(await isWorkingDay(t.platform.db, day)).toBe(working);
  });

  it('counts deadlines across it', async () => {
    expect(db.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(db.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(db.addWorkingDays('2025-09-30', 3)).toBe('2025-10-11');
    expect(db.addWorkingDays('2025-10-01', 1)).toBe('2025-10-09');
    // 15 working days from Monday 22 September: 22 Sep … 30 Sep gives 7 (with 28 Sep), then 9, 10, 11, 13 … 17 Oct.
    expect(await addWorkingDays(t.platform.db, '2025-09-22', 15)).toBe('2025-10-17');
    expect(await workingDaysBetween(t.platform.db, '2025-09-30', '2025-10-11')).toBe(3);
    expect(db.isHoliday('2025-10-04')).toBe(true);
    expect(db.isHoliday('2025-09-28')).toBe(false);
    expect(db.entry('2025-10-01')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(db.entry('2025-09-28')).toMatchObject({ kind: 'adjustedWorkday', name: '国庆节' });
  });
});

describe('2026 Spring Festival (春节 02-15 … 02-23, 调休 02-14 and 02-28)', () => {
  it.each([
    ['2026-02-13', true],
    ['2026-02-14', true], // Saturday worked
    ['2026-02-15', false],
    ['2026-02-17', false], // 正月初一
    ['2026-02-23', false], // Monday, still off
    ['2026-02-24', true],
    ['2026-02-28', true], // Saturday worked
    ['2026-03-01', false],
  ])('%s working: %s', (day, working) => {
    expect(db.isWorkingDay(day)).toBe(working);
  });

  it('counts deadlines across it', async () => {
    expect(db.addWorkingDays('2026-02-13', 1)).toBe('2026-02-14');
    expect(db.addWorkingDays('2026-02-14', 1)).toBe('2026-02-24');
    expect(await addWorkingDays(t.platform.db, '2026-02-12', 15)).toBe('2026-03-11');
    expect(db.workingDaysBetween('2026-02-14', '2026-02-24')).toBe(1);
    expect(db.addWorkingDays('2026-02-24', -1)).toBe('2026-02-14');
  });

  it('other 2026 holidays: New Year, Labour Day, National Day', () => {
    expect(db.isWorkingDay('2026-01-02')).toBe(false);
    expect(db.isWorkingDay('2026-01-04')).toBe(true); // Sunday worked
    expect(db.isWorkingDay('2026-05-05')).toBe(false);
    expect(db.isWorkingDay('2026-05-09')).toBe(true); // Saturday worked
    expect(db.isWorkingDay('2026-10-07')).toBe(false);
    expect(db.isWorkingDay('2026-10-10')).toBe(true); // Saturday worked
    expect(db.isWorkingDay('2026-09-20')).toBe(true); // Sunday worked
  });

  it('a year without data falls back to Monday–Friday', () => {
    expect(db.isWorkingDay('2031-01-01')).toBe(true); // no arrangement for 2031 yet
    expect(db.isWorkingDay('2031-01-04')).toBe(false);
    expect(db.addWorkingDays('2031-01-03', 1)).toBe('2031-01-06');
  });
});

describe('properties of working days (2025–2026)', () => {
  it('addWorkingDays gives a working day, n working days on, counted back by workingDaysBetween', () => {
    fc.assert(
      fc.property(day2526, fc.integer({ min: 1, max: 60 }), (from, n) => {
        const to = db.addWorkingDays(from, n);
        expect(to > from).toBe(true);
        expect(db.isWorkingDay(to)).toBe(true);
        expect(db.workingDaysBetween(from, to)).toBe(n);
        // nothing between is skipped: the day before the deadline still has n − 1 working days
        expect(db.workingDaysBetween(from, addDays(to, -1))).toBe(n - 1);
      }),
      { numRuns: 300 },
    );
  });

  it('adding is monotone and composes', () => {
    fc.assert(
      fc.property(day2526, fc.nat(30), fc.nat(30), (from, a, b) => {
        expect(db.addWorkingDays(db.addWorkingDays(from, a), b)).toBe(db.addWorkingDays(from, a + b));
        if (a < b) expect(db.addWorkingDays(from, a) < db.addWorkingDays(from, b)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('counting back undoes counting forward from a working day', () => {
    fc.assert(
      fc.property(day2526, fc.integer({ min: 1, max: 40 }), (day, n) => {
        const from = db.nextWorkingDay(day);
        expect(db.addWorkingDays(db.addWorkingDays(from, n), -n)).toBe(from);
      }),
      { numRuns: 200 },
    );
  });

  it('workingDaysBetween is additive and antisymmetric', () => {
    fc.assert(
      fc.property(day2526, day2526, day2526, (a, b, c) => {
        expect(db.workingDaysBetween(a, b) + db.workingDaysBetween(b, c)).toBe(db.workingDaysBetween(a, c));
        expect(db.workingDaysBetween(b, a) + db.workingDaysBetween(a, b)).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('a day is working exactly when it is an adjusted workday, or a weekday that is no holiday', () => {
    fc.assert(
      fc.property(day2526, (day) => {
        const e = db.entry(day);
        const weekday = isoWeekday(day) <= 5;
        expect(db.isWorkingDay(day)).toBe(e ? e.kind === 'adjustedWorkday' || e.kind === 'workday' : weekday);
      }),
      { numRuns: 500 },
    );
  });

  it('the one-off database functions agree with the snapshot and with the package', async () => {
    await fc.assert(
      fc.asyncProperty(day2526, fc.integer({ min: -25, max: 25 }), async (from, n) => {
        const expected = db.addWorkingDays(from, n);
        expect(await addWorkingDays(t.platform.db, from, n)).toBe(expected);
        expect(packageCalendar().addWorkingDays(from, n)).toBe(expected);
        expect(await workingDaysBetween(t.platform.db, from, expected)).toBe(db.workingDaysBetween(from, expected));
      }),
      { numRuns: 40 },
    );
  });

  it('2025 and 2026 each have 248 working days (hand-counted: 261 weekdays − 18 or 19 holidays + 5 or 6 调休)', () => {
    expect(db.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
    expect(db.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
  });
});

describe('snapshots and their cache', () => {
  it('a snapshot for some years refuses days outside them', async () => {
    const c = await loadCalendar(t.platform.db, { from: 2025, to: 2026 });
    expect(c.addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    expect(() => c.isWorkingDay('2027-01-04')).toThrow(CalendarRangeError);
    expect(() => c.addWorkingDays('2026-12-30', 5)).toThrow(CalendarRangeError);
  });

  it('refuses what is not a date', () => {
    const c = calendarFromEntries([]);
    expect(() => c.isWorkingDay('2025-13-01')).toThrow(RangeError);
    expect(() => c.addWorkingDays('2025-10-01', 1.5)).toThrow(RangeError);
  });

  it('the cache sees a correction after invalidate(), and one made elsewhere on the next get()', async () => {
    const cache = calendarCache(t.platform.db);
    const before = await cache.get();
    expect(before.isWorkingDay('2026-12-07')).toBe(true);
    expect(await cache.get()).toBe(before); // unchanged: the same snapshot

    // Another process (or node) corrects the table directly.
    await t.platform.db
      .insertInto('calendar_day')
      .values({ day: '2026-12-07', is_working: false, kind: 'holiday', name: '测试假日', source: 'admin' })
      .execute();
    const seen = await cache.get();
    expect(seen).not.toBe(before);
    expect(seen.isWorkingDay('2026-12-07')).toBe(false);
    expect(seen.addWorkingDays('2026-12-04', 1)).toBe('2026-12-08');
    expect(await isWorkingDay(t.platform.db, '2026-12-07')).toBe(false);
    expect(await addWorkingDays(t.platform.db, '2026-12-04', 1)).toBe('2026-12-08');

    cache.invalidate();
    expect(cache.peek()).toBeUndefined();
    await t.platform.db.deleteFrom('calendar_day').where('day', '=', '2026-12-07').execute();
    expect((await cache.get()).isWorkingDay('2026-12-07')).toBe(true);
  });
});
