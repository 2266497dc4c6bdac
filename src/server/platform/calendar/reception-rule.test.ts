import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReceptionRule } from '../../../contracts/reception-rule.js';
import { parseRuleText } from '../../../contracts/reception-rule.js';
import { isoWeekday } from './dates.js';
import { lunarDateOf, occurrences } from './reception-rule.js';
import { calendarFromEntries, packageCalendar } from './working-days.js';

const year2026 = ['2026-01-01', '2026-12-31'] as const;

describe('lunar rules (农历)', () => {
  it('每月农历十六 over 2026: twelve lunar months plus the 16th of 冬月 2025 in early January', () => {
    const days = occurrences({ kind: 'lunarMonthlyDay', lunarDay: 16 }, ...year2026);
    expect(days).toEqual([
      '2026-01-04', // 2025 冬月十六
      '2026-02-03', // 腊月十六
      '2026-03-04', // 正月十六: Spring Festival was 2026-02-17, so the 16th is 15 days later
      '2026-04-03',
      '2026-05-02',
      '2026-06-01',
      '2026-06-30',
      '2026-07-29',
      '2026-08-28',
      '2026-09-26',
      '2026-10-25',
      '2026-11-24',
      '2026-12-24',
    ]);
    for (const d of days) expect(lunarDateOf(d).lunarDay).toBe(16);
  });

  it('hand-checked anchors: 2026-02-17 is 正月初一, 2025-10-06 is 八月十五 (中秋)', () => {
    expect(lunarDateOf('2026-02-17')).toMatchObject({ lunarYear: 2026, lunarMonth: 1, lunarDay: 1, isLeap: false });
    expect(lunarDateOf('2025-10-06')).toMatchObject({ lunarMonth: 8, lunarDay: 15 });
    expect(occurrences({ kind: 'lunarMonthlyDay', lunarDay: 1 }, '2026-02-01', '2026-02-28')).toEqual(['2026-02-17']);
  });

  it('counts the leap month (闰六月 2025) as a month of its own', () => {
    const days = occurrences({ kind: 'lunarMonthlyDay', lunarDay: 16 }, '2025-07-01', '2025-09-30');
    // 六月十六, 闰六月十六, 七月十六
    expect(days).toEqual(['2025-07-10', '2025-08-09', '2025-09-07']);
    expect(lunarDateOf('2025-08-09')).toMatchObject({ lunarMonth: 6, lunarDay: 16, isLeap: true });
  });

  it('day 30 in a 29-day lunar month is that month’s last day', () => {
    const days = occurrences({ kind: 'lunarMonthlyDay', lunarDay: 30 }, '2025-01-01', '2025-12-31');
    // One lunar month ends in each solar month of 2025; 2025-08-22 ends the 29-day 闰六月.
    expect(days).toEqual([
      '2025-01-28',
      '2025-02-27',
      '2025-03-28',
      '2025-04-27',
      '2025-05-26',
      '2025-06-24',
      '2025-07-24',
      '2025-08-22',
      '2025-09-21',
      '2025-10-20',
      '2025-11-19',
      '2025-12-19',
    ]);
    expect(lunarDateOf('2025-08-22')).toMatchObject({ lunarMonth: 6, lunarDay: 29, isLeap: true });
    for (const d of days) {
      const next = lunarDateOf(addOne(d));
      expect(next.lunarDay).toBe(1);
      expect([29, 30]).toContain(lunarDateOf(d).lunarDay);
    }
    expect(days.filter((d) => lunarDateOf(d).lunarDay === 29).length).toBeGreaterThan(0);
  });

  it('every other lunar month, from the first', () => {
    const days = occurrences({ kind: 'lunarMonthlyDay', lunarDay: 16, everyMonths: 2 }, ...year2026);
    expect(days.map((d) => lunarDateOf(d).lunarMonth)).toEqual([11, 1, 3, 5, 7, 9, 11]);
  });
});

describe('monthly and weekly rules', () => {
  it('每月第一个周三 in 2026', () => {
    expect(occurrences({ kind: 'monthlyNthWeekday', nth: 1, weekday: 3 }, ...year2026)).toEqual([
      '2026-01-07',
      '2026-02-04',
      '2026-03-04',
      '2026-04-01',
      '2026-05-06',
      '2026-06-03',
      '2026-07-01',
      '2026-08-05',
      '2026-09-02',
      '2026-10-07',
      '2026-11-04',
      '2026-12-02',
    ]);
  });

  it('每月最后一个周五 in 2026', () => {
    const days = occurrences({ kind: 'monthlyNthWeekday', nth: -1, weekday: 5 }, ...year2026);
    expect(days[0]).toBe('2026-01-30');
    expect(days[1]).toBe('2026-02-27');
    expect(days[11]).toBe('2026-12-25');
    expect(days).toHaveLength(12);
  });

  it('a fifth Thursday exists only in some months', () => {
    expect(occurrences({ kind: 'monthlyNthWeekday', nth: 5, weekday: 4 }, ...year2026)).toEqual([
      '2026-01-29',
      '2026-04-30',
      '2026-07-30',
      '2026-10-29',
      '2026-12-31',
    ]);
  });

  it('每两个月第一个周五: January, March, May …; from February with startMonth 2', () => {
    expect(occurrences({ kind: 'monthlyNthWeekday', nth: 1, weekday: 5, everyMonths: 2 }, ...year2026)).toEqual([
      '2026-01-02',
      '2026-03-06',
      '2026-05-01',
      '2026-07-03',
      '2026-09-04',
      '2026-11-06',
    ]);
    expect(
      occurrences({ kind: 'monthlyNthWeekday', nth: 1, weekday: 5, everyMonths: 2, startMonth: 2 }, ...year2026),
    ).toEqual(['2026-02-06', '2026-04-03', '2026-06-05', '2026-08-07', '2026-10-02', '2026-12-04']);
  });

  it('每月31日 falls on the last day of shorter months', () => {
    expect(occurrences({ kind: 'monthlyDay', day: 31 }, '2026-01-01', '2026-04-30')).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
    ]);
  });

  it('每周二 within a range that starts mid-week', () => {
    expect(occurrences({ kind: 'weekly', weekday: 2 }, '2026-03-04', '2026-03-31')).toEqual([
      '2026-03-10',
      '2026-03-17',
      '2026-03-24',
      '2026-03-31',
    ]);
  });

  it('nothing for an empty range; refuses absurd ones', () => {
    expect(occurrences({ kind: 'weekly', weekday: 2 }, '2026-03-04', '2026-03-01')).toEqual([]);
    expect(() => occurrences({ kind: 'weekly', weekday: 2 }, '2000-01-01', '2026-01-01')).toThrow(RangeError);
    expect(() => occurrences({ kind: 'weekly', weekday: 2 }, '2026-02-30', '2026-03-01')).toThrow(RangeError);
  });
});

describe('public holidays', () => {
  const rule15: ReceptionRule = { kind: 'monthlyDay', day: 1 };

  it('kept by default, moved to the next working day, or skipped', () => {
    // 2025-10-01 is National Day; the next working day is 2025-10-09.
    const range = ['2025-09-01', '2025-11-30'] as const;
    expect(occurrences(rule15, ...range)).toEqual(['2025-09-01', '2025-10-01', '2025-11-01']);
    expect(occurrences({ ...rule15, skipHolidays: 'next' }, ...range)).toEqual([
      '2025-09-01',
      '2025-10-09',
      '2025-11-01',
    ]);
    expect(occurrences({ ...rule15, skipHolidays: 'skip' }, ...range)).toEqual(['2025-09-01', '2025-11-01']);
  });

  it('a weekend is not a holiday, but a Saturday inside Golden Week is', () => {
    const saturdays: ReceptionRule = { kind: 'weekly', weekday: 6, skipHolidays: 'skip' };
    expect(occurrences(saturdays, '2025-09-27', '2025-10-18')).toEqual(['2025-09-27', '2025-10-11', '2025-10-18']);
  });

  it('two rule days moved onto one working day are kept once', () => {
    const wednesdays: ReceptionRule = { kind: 'weekly', weekday: 3, skipHolidays: 'next' };
    // Wednesdays 10-01 and 10-08 both fall in the holiday and move to Thursday 10-09.
    expect(occurrences(wednesdays, '2025-09-24', '2025-10-15')).toEqual(['2025-09-24', '2025-10-09', '2025-10-15']);
  });

  it("an administrator's correction counts when the calendar is passed", () => {
    const local = calendarFromEntries([
      { day: '2026-03-04', isWorking: false, kind: 'holiday', name: '本地假日', nameEn: null },
    ]);
    const rule: ReceptionRule = { kind: 'lunarMonthlyDay', lunarDay: 16, skipHolidays: 'next' };
    expect(occurrences(rule, '2026-03-01', '2026-03-31')).toEqual(['2026-03-04']);
    expect(occurrences(rule, '2026-03-01', '2026-03-31', local)).toEqual(['2026-03-05']);
  });

  it('the Spring Festival moves 每月农历十六 only when it falls inside', () => {
    // 腊月十六 2026-02-03 is a working Tuesday: untouched.
    expect(
      occurrences({ kind: 'lunarMonthlyDay', lunarDay: 16, skipHolidays: 'next' }, '2026-02-01', '2026-02-28'),
    ).toEqual(['2026-02-03']);
    // 正月初一 2026-02-17 is a holiday: moved to 2026-02-24, the first working day after the festival.
    expect(
      occurrences({ kind: 'lunarMonthlyDay', lunarDay: 1, skipHolidays: 'next' }, '2026-02-01', '2026-02-28'),
    ).toEqual(['2026-02-24']);
  });
});

describe('properties', () => {
  const range = fc
    .tuple(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 400 }))
    .map(([start, len]) => [addN('2025-01-01', start), addN('2025-01-01', start + len)] as const);
  const rule = fc.oneof(
    fc.record({ kind: fc.constant('weekly' as const), weekday: fc.integer({ min: 1, max: 7 }) }),
    fc.record({ kind: fc.constant('monthlyDay' as const), day: fc.integer({ min: 1, max: 31 }) }),
    fc.record({
      kind: fc.constant('monthlyNthWeekday' as const),
      nth: fc.constantFrom(1, 2, 3, 4, 5, -1),
      weekday: fc.integer({ min: 1, max: 7 }),
    }),
  );

  it('dates are sorted, unique, inside the range and on the rule’s weekday', () => {
    fc.assert(
      fc.property(rule, range, (r, [from, to]) => {
        const days = occurrences(r, from, to);
        expect([...new Set(days)].sort()).toEqual(days);
        for (const d of days) {
          expect(d >= from && d <= to).toBe(true);
          if (r.kind !== 'monthlyDay') expect(isoWeekday(d)).toBe(r.weekday);
        }
      }),
    );
  });

  it('with skipHolidays none ⊇ next-moved dates that are no holiday; skip = none minus holidays', () => {
    const cal = packageCalendar();
    fc.assert(
      fc.property(rule, range, (r, [from, to]) => {
        const all = occurrences(r, from, to);
        const skipped = occurrences({ ...r, skipHolidays: 'skip' }, from, to);
        const moved = occurrences({ ...r, skipHolidays: 'next' }, from, to);
        expect(skipped).toEqual(all.filter((d) => !cal.isHoliday(d)));
        for (const d of moved) expect(cal.isHoliday(d)).toBe(false);
        expect(moved.length).toBeGreaterThanOrEqual(skipped.length);
      }),
    );
  });

  it('splitting a range splits the dates', () => {
    fc.assert(
      fc.property(rule, range, fc.integer({ min: 0, max: 400 }), (r, [from, to], cut) => {
        const mid = addN(from, cut);
        if (mid > to) return;
        expect([...occurrences(r, from, mid), ...occurrences(r, addOne(mid), to)]).toEqual(occurrences(r, from, to));
      }),
    );
  });

  it('every rule the parser reads yields dates', () => {
    for (const text of ['每月农历十六', '每月第一个周三', '每周二', '每月15日', '每两个月第一个周五']) {
      expect(occurrences(parseRuleText(text)!, ...year2026).length).toBeGreaterThan(0);
    }
  });
});

function addN(day: string, n: number) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function addOne(day: string) {
  return addN(day, 1);
}
