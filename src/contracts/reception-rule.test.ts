import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ReceptionRule,
  describeRule,
  lunarDayName,
  normalizeRule,
  parseChineseNumber,
  parseRuleText,
} from './reception-rule.js';

describe('parseRuleText: the phrasings stations write', () => {
  it.each([
    ['每月农历十六', { kind: 'lunarMonthlyDay', lunarDay: 16 }],
    ['每月农历十六日', { kind: 'lunarMonthlyDay', lunarDay: 16 }],
    ['农历每月十六', { kind: 'lunarMonthlyDay', lunarDay: 16 }],
    ['每月初一', { kind: 'lunarMonthlyDay', lunarDay: 1 }],
    ['每月农历廿八', { kind: 'lunarMonthlyDay', lunarDay: 28 }],
    ['每月农历二十', { kind: 'lunarMonthlyDay', lunarDay: 20 }],
    ['每月农历三十', { kind: 'lunarMonthlyDay', lunarDay: 30 }],
    ['每月第一个周三', { kind: 'monthlyNthWeekday', nth: 1, weekday: 3 }],
    ['每月第1个星期三', { kind: 'monthlyNthWeekday', nth: 1, weekday: 3 }],
    ['每月首个周一', { kind: 'monthlyNthWeekday', nth: 1, weekday: 1 }],
    ['每月第三个礼拜六', { kind: 'monthlyNthWeekday', nth: 3, weekday: 6 }],
    ['每月最后一个星期五', { kind: 'monthlyNthWeekday', nth: -1, weekday: 5 }],
    ['每月最后一个周日', { kind: 'monthlyNthWeekday', nth: -1, weekday: 7 }],
    ['每周二', { kind: 'weekly', weekday: 2 }],
    ['每星期二', { kind: 'weekly', weekday: 2 }],
    ['每周星期六', { kind: 'weekly', weekday: 6 }],
    ['每周日', { kind: 'weekly', weekday: 7 }],
    ['每月15日', { kind: 'monthlyDay', day: 15 }],
    ['每月15号', { kind: 'monthlyDay', day: 15 }],
    ['每月十五日', { kind: 'monthlyDay', day: 15 }],
    ['每月的5日', { kind: 'monthlyDay', day: 5 }],
    ['每两个月第一个周五', { kind: 'monthlyNthWeekday', nth: 1, weekday: 5, everyMonths: 2 }],
    ['每2个月第一个周五', { kind: 'monthlyNthWeekday', nth: 1, weekday: 5, everyMonths: 2 }],
    ['每隔一个月第二个周四', { kind: 'monthlyNthWeekday', nth: 2, weekday: 4, everyMonths: 2 }],
    ['双月15日', { kind: 'monthlyDay', day: 15, everyMonths: 2, startMonth: 2 }],
    ['单月15日', { kind: 'monthlyDay', day: 15, everyMonths: 2 }],
    ['每季度第一个周一', { kind: 'monthlyNthWeekday', nth: 1, weekday: 1, everyMonths: 3 }],
    ['每两个月（2月起）第一个周五', { kind: 'monthlyNthWeekday', nth: 1, weekday: 5, everyMonths: 2, startMonth: 2 }],
  ])('%s', (text, rule) => {
    expect(parseRuleText(text)).toEqual(rule);
  });

  it('reads times and what happens on holidays', () => {
    expect(parseRuleText('每月农历十六 09:00–11:30')).toEqual({
      kind: 'lunarMonthlyDay',
      lunarDay: 16,
      time: { start: '09:00', end: '11:30' },
    });
    expect(parseRuleText('每月农历十六上午9:00-11:30，遇节假日顺延')).toEqual({
      kind: 'lunarMonthlyDay',
      lunarDay: 16,
      time: { start: '09:00', end: '11:30' },
      skipHolidays: 'next',
    });
    expect(parseRuleText('每星期六 下午2:30~5:00')).toEqual({
      kind: 'weekly',
      weekday: 6,
      time: { start: '14:30', end: '17:00' },
    });
    expect(parseRuleText('每周三9点至11点半')).toEqual({
      kind: 'weekly',
      weekday: 3,
      time: { start: '09:00', end: '11:30' },
    });
    expect(parseRuleText('每月15号 9:00-11:30（遇法定节假日取消）')).toMatchObject({ skipHolidays: 'skip' });
    expect(parseRuleText('每月第一个周三，节假日照常')).toEqual({ kind: 'monthlyNthWeekday', nth: 1, weekday: 3 });
    expect(parseRuleText('每月第一个周三接待日')).toEqual({ kind: 'monthlyNthWeekday', nth: 1, weekday: 3 });
  });

  it.each([
    '',
    'hello',
    '每月',
    '每周八',
    '每月第六个周三',
    '每月32日',
    '每月农历三十一',
    '每五个月15日',
    '每月初一、十五',
    '每月15日 11:30-09:00',
    '每月15日 25:00-26:00',
    '工作日全天',
    '每月15日和30日',
    '每月第一个周三 ' + 'x'.repeat(200),
  ])('nothing for %j', (text) => {
    expect(parseRuleText(text)).toBeNull();
  });
});

describe('describeRule', () => {
  it('says it as people do', () => {
    expect(
      describeRule({ kind: 'lunarMonthlyDay', lunarDay: 16, time: { start: '09:00', end: '11:30' } }, 'zh-CN'),
    ).toBe('每月农历十六 09:00–11:30');
    expect(describeRule({ kind: 'lunarMonthlyDay', lunarDay: 16, time: { start: '09:00', end: '11:30' } }, 'en')).toBe(
      '16th day of every lunar month 09:00–11:30',
    );
    expect(describeRule({ kind: 'monthlyNthWeekday', nth: 1, weekday: 3 })).toBe('每月第一个周三');
    expect(describeRule({ kind: 'monthlyNthWeekday', nth: -1, weekday: 5 }, 'en')).toBe('Last Friday of every month');
    expect(describeRule({ kind: 'weekly', weekday: 2 })).toBe('每周二');
    expect(describeRule({ kind: 'weekly', weekday: 2 }, 'en')).toBe('Every Tuesday');
    expect(describeRule({ kind: 'monthlyDay', day: 15 })).toBe('每月15日');
    expect(describeRule({ kind: 'monthlyDay', day: 1 }, 'en')).toBe('1st of every month');
    expect(describeRule({ kind: 'monthlyDay', day: 22 }, 'en')).toBe('22nd of every month');
    expect(describeRule({ kind: 'monthlyDay', day: 13 }, 'en')).toBe('13th of every month');
    expect(
      describeRule({ kind: 'monthlyNthWeekday', nth: 1, weekday: 5, everyMonths: 2, skipHolidays: 'next' }, 'zh-CN'),
    ).toBe('每两个月（1月起）第一个周五（遇法定节假日顺延至下一个工作日）');
    expect(describeRule({ kind: 'monthlyNthWeekday', nth: 1, weekday: 5, everyMonths: 2 }, 'en')).toBe(
      'First Friday of the month, every other month (from month 1)',
    );
  });

  it('names lunar days the traditional way', () => {
    expect([1, 10, 11, 16, 20, 21, 29, 30].map(lunarDayName)).toEqual([
      '初一',
      '初十',
      '十一',
      '十六',
      '二十',
      '廿一',
      '廿九',
      '三十',
    ]);
    for (let d = 1; d <= 30; d++) expect(parseChineseNumber(lunarDayName(d))).toBe(d);
  });
});

describe('the contract', () => {
  it('names the field of a bad rule', () => {
    const r = ReceptionRule.safeParse({ kind: 'weekly', weekday: 8 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['weekday']);
    const t = ReceptionRule.safeParse({ kind: 'monthlyDay', day: 1, time: { start: '11:00', end: '09:00' } });
    expect(t.error!.issues[0]!.path).toEqual(['time', 'end']);
    expect(ReceptionRule.safeParse({ kind: 'monthlyDay', day: 1, everyMonths: 5 }).success).toBe(false);
    expect(ReceptionRule.safeParse({ kind: 'monthlyNthWeekday', nth: 0, weekday: 1 }).success).toBe(false);
    expect(ReceptionRule.safeParse({ kind: 'monthlyNthWeekday', nth: -1, weekday: 1 }).success).toBe(true);
    expect(ReceptionRule.safeParse({ kind: 'yearly' }).success).toBe(false);
  });
});

/** Any valid rule. */
const time = fc
  .tuple(fc.integer({ min: 0, max: 23 * 60 + 58 }), fc.integer({ min: 1, max: 240 }))
  .map(([start, length]) => {
    const end = Math.min(start + length, 23 * 60 + 59);
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { start: hhmm(start), end: hhmm(end) };
  });
const common = {
  time: fc.option(time, { nil: undefined }),
  skipHolidays: fc.option(fc.constantFrom('none' as const, 'next' as const, 'skip' as const), { nil: undefined }),
};
const monthly = {
  everyMonths: fc.option(fc.constantFrom(1, 2, 3, 4, 6, 12), { nil: undefined }),
  startMonth: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
};
const weekday = fc.integer({ min: 1, max: 7 });
const anyRule: fc.Arbitrary<ReceptionRule> = fc
  .oneof(
    fc.record({ kind: fc.constant('weekly' as const), weekday, ...common }),
    fc.record({
      kind: fc.constant('monthlyDay' as const),
      day: fc.integer({ min: 1, max: 31 }),
      ...monthly,
      ...common,
    }),
    fc.record({
      kind: fc.constant('monthlyNthWeekday' as const),
      nth: fc.constantFrom(1, 2, 3, 4, 5, -1),
      weekday,
      ...monthly,
      ...common,
    }),
    fc.record({
      kind: fc.constant('lunarMonthlyDay' as const),
      lunarDay: fc.integer({ min: 1, max: 30 }),
      ...monthly,
      ...common,
    }),
  )
  .map((r) => JSON.parse(JSON.stringify(r)) as ReceptionRule);

describe('properties', () => {
  it('every generated rule is valid, and the Chinese description parses back to the same rule', () => {
    fc.assert(
      fc.property(anyRule, (rule) => {
        expect(ReceptionRule.safeParse(rule).success).toBe(true);
        expect(parseRuleText(describeRule(rule, 'zh-CN'))).toEqual(normalizeRule(rule));
      }),
      { numRuns: 500 },
    );
  });

  it('normalising is idempotent and keeps the rule valid', () => {
    fc.assert(
      fc.property(anyRule, (rule) => {
        const once = normalizeRule(rule);
        expect(normalizeRule(once)).toEqual(once);
        expect(ReceptionRule.safeParse(once).success).toBe(true);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        const r = parseRuleText(text);
        if (r !== null) expect(ReceptionRule.safeParse(r).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
