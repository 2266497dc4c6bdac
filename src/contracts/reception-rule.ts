import { z } from 'zod';

/**
 * A station's reception-day rule (接待日规则), e.g. 每月农历十六, 每月第一个周三, 每周二, 每月15日,
 * 每两个月第一个周五. The dates it yields are computed by `occurrences()` in
 * src/server/platform/calendar/reception-rule.ts (annual plans); this file holds the shape, the
 * text shown to people (`describeRule`) and a parser of the common Chinese phrasings (`parseRuleText`).
 *
 * Conventions:
 * - `weekday` is ISO: 1 = Monday (周一) … 7 = Sunday (周日).
 * - A day past the end of a month (`monthlyDay` 31 in April, `lunarMonthlyDay` 30 in a 29-day lunar
 *   month) means that month's last day; a `monthlyNthWeekday` 5th that a month lacks yields nothing
 *   that month (there is no fifth Wednesday to hold it on).
 * - `everyMonths` (1 = every month, 2 = every other month, 3 = quarterly, 4, 6, 12) divides the year,
 *   so that a rule means the same months every year; `startMonth` is the first of them (default 1:
 *   with `everyMonths` 2, January, March, May …). For lunar rules both count lunar months.
 * - `skipHolidays`: what happens when the day is a public holiday (法定节假日, including its weekend
 *   days and any day an administrator marked as a holiday): `none` keep it (default), `next` move
 *   it to the next working day, `skip` leave it out.
 */

const weekdayMessage = '应为 1（周一）到 7（周日）|Expected 1 (Monday) to 7 (Sunday)';
export const Weekday = z
  .number()
  .int(weekdayMessage)
  .min(1, weekdayMessage)
  .max(7, weekdayMessage)
  .meta({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' });
export type Weekday = z.infer<typeof Weekday>;

const timeMessage = '应为 HH:MM 格式的时间，如 09:00|Expected a time as HH:MM, e.g. 09:00';
export const ClockTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, timeMessage);

export const ReceptionTime = z.object({ start: ClockTime, end: ClockTime }).refine((t) => t.start < t.end, {
  message: '结束时间应晚于开始时间|The end time must be after the start time',
  path: ['end'],
});
export type ReceptionTime = z.infer<typeof ReceptionTime>;

export const HolidayHandling = z
  .enum(['none', 'next', 'skip'])
  .meta({ description: 'on a public holiday: keep the day, move it to the next working day, or skip it' });
export type HolidayHandling = z.infer<typeof HolidayHandling>;

/** Month intervals that divide a year, so that a rule falls in the same months every year. */
export const monthIntervals = [1, 2, 3, 4, 6, 12] as const;
const intervalMessage = '应为 1、2、3、4、6 或 12 个月|Expected 1, 2, 3, 4, 6 or 12 months';
export const EveryMonths = z
  .number()
  .int(intervalMessage)
  .refine((n) => (monthIntervals as readonly number[]).includes(n), intervalMessage)
  .meta({ description: '1 = every month, 2 = every other month, 3 = quarterly, 6 = twice a year, 12 = yearly' });

const common = {
  time: ReceptionTime.optional(),
  skipHolidays: HolidayHandling.optional().meta({ description: 'default none' }),
};
const monthly = {
  everyMonths: EveryMonths.optional().meta({ description: 'default 1' }),
  startMonth: z.number().int().min(1).max(12).optional().meta({
    description: 'first month of the cycle (default 1); lunar months for lunar rules',
  }),
};

export const WeeklyRule = z.object({ kind: z.literal('weekly'), weekday: Weekday, ...common });
export const MonthlyDayRule = z.object({
  kind: z.literal('monthlyDay'),
  day: z.number().int().min(1).max(31).meta({ description: 'day of the month; past its end = last day' }),
  ...monthly,
  ...common,
});
const nthMessage = '应为 1 到 5，或 -1（最后一个）|Expected 1 to 5, or -1 for the last';
export const MonthlyNthWeekdayRule = z.object({
  kind: z.literal('monthlyNthWeekday'),
  nth: z
    .number()
    .int(nthMessage)
    .refine((n) => n === -1 || (n >= 1 && n <= 5), nthMessage)
    .meta({ description: '1 … 5, or -1 for the last such weekday of the month' }),
  weekday: Weekday,
  ...monthly,
  ...common,
});
export const LunarMonthlyDayRule = z.object({
  kind: z.literal('lunarMonthlyDay'),
  lunarDay: z
    .number()
    .int()
    .min(1)
    .max(30)
    .meta({ description: 'day of the lunar month (农历); 30 in a 29-day month = its last day' }),
  ...monthly,
  ...common,
});

export const ReceptionRule = z
  .discriminatedUnion('kind', [WeeklyRule, MonthlyDayRule, MonthlyNthWeekdayRule, LunarMonthlyDayRule])
  .meta({ id: 'ReceptionRule', description: "A station's reception-day rule (接待日规则)" });
export type ReceptionRule = z.infer<typeof ReceptionRule>;
export type ReceptionRuleKind = ReceptionRule['kind'];

// ---------------------------------------------------------------------------------------------
// Text shown to people
// ---------------------------------------------------------------------------------------------

const zhWeekdays = ['', '一', '二', '三', '四', '五', '六', '日'] as const;
const enWeekdays = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const zhDigits = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

/** 1 → 初一, 16 → 十六, 20 → 二十, 23 → 廿三, 30 → 三十: how lunar days are written. */
export function lunarDayName(day: number): string {
  if (day <= 10) return `初${zhDigits[day]}`;
  if (day < 20) return `十${zhDigits[day - 10]}`;
  if (day === 20) return '二十';
  if (day < 30) return `廿${zhDigits[day - 20]}`;
  return '三十';
}

const zhInterval: Record<number, string> = {
  1: '每月',
  2: '每两个月',
  3: '每季度',
  4: '每四个月',
  6: '每半年',
  12: '每年',
};
const enInterval: Record<number, string> = {
  1: 'every month',
  2: 'every other month',
  3: 'every three months',
  4: 'every four months',
  6: 'every six months',
  12: 'every year',
};

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

const enNth: Record<number, string> = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth', [-1]: 'last' };
const zhNth: Record<number, string> = {
  1: '第一个',
  2: '第二个',
  3: '第三个',
  4: '第四个',
  5: '第五个',
  [-1]: '最后一个',
};

/** The first month of the cycle within the year (startMonth 7 with everyMonths 2 is month 1). */
function startOf(rule: Exclude<ReceptionRule, { kind: 'weekly' }>): number {
  const every = rule.everyMonths ?? 1;
  return (((((rule.startMonth ?? 1) - 1) % every) + every) % every) + 1;
}

function zhPeriod(rule: Exclude<ReceptionRule, { kind: 'weekly' }>): string {
  const every = rule.everyMonths ?? 1;
  const base = zhInterval[every] ?? `每${every}个月`;
  if (every === 1) return base;
  return `${base}（${rule.kind === 'lunarMonthlyDay' ? '农历' : ''}${startOf(rule)}月起）`;
}

function enPeriod(rule: Exclude<ReceptionRule, { kind: 'weekly' }>): string {
  const every = rule.everyMonths ?? 1;
  const base = enInterval[every] ?? `every ${every} months`;
  if (every === 1) return base;
  return `${base} (from ${rule.kind === 'lunarMonthlyDay' ? 'lunar ' : ''}month ${startOf(rule)})`;
}

/**
 * The rule as a person would say it: `每月农历十六 09:00–11:30`, `每月第一个周三`,
 * `每两个月（1月起）最后一个周五（遇法定节假日顺延至下一个工作日）`; in English
 * `16th day of every lunar month 09:00–11:30`.
 */
export function describeRule(rule: ReceptionRule, lang: 'zh-CN' | 'en' = 'zh-CN'): string {
  const zh = lang !== 'en';
  let text: string;
  if (rule.kind === 'weekly') {
    text = zh ? `每周${zhWeekdays[rule.weekday]}` : `Every ${enWeekdays[rule.weekday]}`;
  } else if (zh) {
    const what =
      rule.kind === 'monthlyDay'
        ? `${rule.day}日`
        : rule.kind === 'monthlyNthWeekday'
          ? `${zhNth[rule.nth]}周${zhWeekdays[rule.weekday]}`
          : `农历${lunarDayName(rule.lunarDay)}`;
    text = `${zhPeriod(rule)}${what}`;
  } else {
    const lunar = rule.kind === 'lunarMonthlyDay' ? 'lunar ' : '';
    const what =
      rule.kind === 'monthlyDay'
        ? `${ordinal(rule.day)}`
        : rule.kind === 'monthlyNthWeekday'
          ? `${cap(enNth[rule.nth]!)} ${enWeekdays[rule.weekday]}`
          : `${ordinal(rule.lunarDay)} day`;
    text =
      (rule.everyMonths ?? 1) === 1
        ? `${what} of every ${lunar}month`
        : `${what} of the ${lunar}month, ${enPeriod(rule)}`;
  }
  if (rule.time) text += ` ${rule.time.start}–${rule.time.end}`;
  if (rule.skipHolidays === 'next')
    text += zh ? '（遇法定节假日顺延至下一个工作日）' : ' (moved to the next working day on public holidays)';
  if (rule.skipHolidays === 'skip') text += zh ? '（遇法定节假日不安排）' : ' (none on public holidays)';
  return text;
}

function cap(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Parsing what stations write
// ---------------------------------------------------------------------------------------------

const numeralValues: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Arabic or Chinese numerals up to 39: 15, 十五, 二十八, 廿八, 卅, 初六 (the 初 is dropped). */
export function parseChineseNumber(text: string): number | null {
  let s = text.trim();
  if (/^[0-9]{1,2}$/.test(s)) return Number(s);
  if (s.startsWith('初')) s = s.slice(1);
  if (s === '卅') return 30;
  if (s.startsWith('廿')) {
    const rest = s.slice(1);
    if (rest === '') return 20;
    const v = numeralValues[rest];
    return v === undefined || rest.length !== 1 ? null : 20 + v;
  }
  const m = /^([一二两三])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? numeralValues[m[1]]! : 1) * 10 + (m[2] ? numeralValues[m[2]]! : 0);
  if (s.length === 1 && numeralValues[s] !== undefined) return numeralValues[s]!;
  return null;
}

const weekdayChars: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 七: 7 };
const weekdayPattern = '(?:星期|周|礼拜)([一二三四五六日天七1-7])';

function weekdayOf(ch: string): number | null {
  if (/^[1-7]$/.test(ch)) return Number(ch);
  return weekdayChars[ch] ?? null;
}

const numeral = '[0-9〇零一二两三四五六七八九十廿卅]{1,3}';

/** Reads "09:00-11:30", "上午9:00至11:30", "下午2:30~5点", "9点—11点半" at the end of the text. */
function takeTime(text: string): { rest: string; time?: ReceptionTime } | null {
  const clock = '(上午|下午|晚上|早上)?\\s*([0-9]{1,2})(?:[:：.]([0-9]{2})|点半|点(?:([0-9]{1,2})分?)?|时)';
  const re = new RegExp(`${clock}\\s*(?:-|–|—|~|～|至|到)+\\s*${clock}$`);
  const m = re.exec(text);
  if (!m) return { rest: text };
  const at = (
    half: string | undefined,
    h: string,
    mm: string | undefined,
    pointMin: string | undefined,
    raw: string,
  ) => {
    let hour = Number(h);
    const minute = raw.includes('点半') ? 30 : Number(mm ?? pointMin ?? 0);
    if ((half === '下午' || half === '晚上') && hour < 12) hour += 12;
    if (hour > 23 || minute > 59) return null;
    return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  };
  const whole = m[0];
  const [first, second] = splitRange(whole);
  const start = at(m[1], m[2]!, m[3], m[4], first);
  // An afternoon start carries over to an end written without 上午/下午 (下午2:30-5:00).
  const end = at(m[5] ?? (m[1] === '下午' || m[1] === '晚上' ? m[1] : undefined), m[6]!, m[7], m[8], second);
  if (!start || !end || start >= end) return null;
  return { rest: text.slice(0, m.index).trim(), time: { start, end } };
}

function splitRange(s: string): [string, string] {
  const i = s.search(/-|–|—|~|～|至|到/);
  return [s.slice(0, i), s.slice(i)];
}

/** "遇节假日顺延" → next, "遇节假日取消" → skip, at the end of the text. */
function takeHolidays(text: string): { rest: string; skipHolidays?: HolidayHandling } {
  const m =
    /[，,;；、\s]*[（(]?(?:如|若)?(?:遇|逢)?(?:法定)?(?:节假日|假日|节日)(?:则)?(顺延(?:至下一个?工作日)?|后延|延后|取消|暂停|不接待|不安排|照常(?:接待|进行)?)[)）]?$/.exec(
      text,
    );
  if (!m) return { rest: text };
  const verb = m[1]!;
  const skipHolidays: HolidayHandling = /^(顺延|后延|延后)/.test(verb)
    ? 'next'
    : verb.startsWith('照常')
      ? 'none'
      : 'skip';
  return { rest: text.slice(0, m.index).trim(), skipHolidays };
}

/** 每月 / 每两个月 / 每隔一个月 / 每季度 / 每半年 / 每年 / 单月 / 双月 → interval and start month. */
function takePeriod(text: string): { rest: string; everyMonths: number; startMonth?: number } | null {
  const fixed: [RegExp, number, number?][] = [
    [/^每(?:个)?月(?:的)?/, 1],
    [/^每逢单月(?:的)?|^(?:每)?单月(?:的)?/, 2, 1],
    [/^每逢双月(?:的)?|^(?:每)?双月(?:的)?/, 2, 2],
    [/^每(?:个)?季度(?:的)?/, 3],
    [/^每半年(?:的)?/, 6],
    [/^每年(?:的)?/, 12],
  ];
  let found: { rest: string; everyMonths: number; startMonth?: number } | null = null;
  for (const [re, every, start] of fixed) {
    const m = re.exec(text);
    if (m) {
      found = { rest: text.slice(m[0].length), everyMonths: every, ...(start ? { startMonth: start } : {}) };
      break;
    }
  }
  const n = found ? null : new RegExp(`^每(隔)?(${numeral})个?月(?:的)?`).exec(text);
  if (n) {
    const v = parseChineseNumber(n[2]!);
    if (v === null) return null;
    const every = n[1] ? v + 1 : v;
    if (!(monthIntervals as readonly number[]).includes(every)) return null;
    found = { rest: text.slice(n[0].length), everyMonths: every };
  }
  if (!found) return null;
  // （1月起） / （农历3月起） / (从2月开始): the first month of the cycle.
  const start = new RegExp(`^[（(]?(?:从|自)?(?:农历)?(${numeral})月(?:起|开始)[)）]?(?:的)?`).exec(found.rest);
  if (start) {
    const month = parseChineseNumber(start[1]!);
    if (month === null || month < 1 || month > 12) return null;
    found = { ...found, rest: found.rest.slice(start[0].length), startMonth: month };
  }
  return found;
}

/**
 * Recognises the common Chinese phrasings of a reception rule; `null` when the text says
 * something else (the station then keeps its rule as free text).
 * Examples: 每月农历十六, 每月初一, 每月第一个周三, 每月最后一个星期五, 每周二, 每星期六上午,
 * 每月15日, 每月15号, 每两个月第一个周五, 每季度第一个周一, 每月农历十六上午9:00-11:30，遇节假日顺延.
 */
/**
 * The rule without its defaults (`everyMonths` 1, `startMonth` 1 or any start with a monthly
 * cycle, `skipHolidays` none) and with `startMonth` brought into its cycle, so that two rules
 * that mean the same thing compare equal.
 */
export function normalizeRule(rule: ReceptionRule): ReceptionRule {
  const r = { ...rule } as Record<string, unknown>;
  if (rule.skipHolidays === 'none') delete r.skipHolidays;
  if (rule.time === undefined) delete r.time;
  if (rule.kind !== 'weekly') {
    const every = rule.everyMonths ?? 1;
    const start = (((((rule.startMonth ?? 1) - 1) % every) + every) % every) + 1;
    if (every === 1) delete r.everyMonths;
    if (every === 1 || start === 1) delete r.startMonth;
    else r.startMonth = start;
  }
  return r as ReceptionRule;
}

export function parseRuleText(input: string): ReceptionRule | null {
  let text = input
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, ' ')
    .trim()
    .replace(/[。.！!]+$/, '');
  if (!text || text.length > 100) return null;

  const holidays = takeHolidays(text);
  text = holidays.rest;
  const timed = takeTime(text);
  if (!timed) return null;
  text = timed.rest.replace(/[，,、\s]+$/, '');
  // A bare 上午/下午 without hours says nothing we can keep.
  text = text.replace(/(上午|下午|全天)$/, '').trim();
  text = text.replace(/(?:举行|开展|进行)?(?:接待(?:日|活动)?|接访(?:日)?|活动日?)$/, '').trim();
  text = text.replace(/^(?:定于|固定(?:在|于)?|时间(?:为|是)?[:：]?)/, '').trim();

  const extras = {
    ...(timed.time ? { time: timed.time } : {}),
    ...(holidays.skipHolidays && holidays.skipHolidays !== 'none' ? { skipHolidays: holidays.skipHolidays } : {}),
  };
  const rule = parseCore(text.replace(/\s+/g, ''));
  if (!rule) return null;
  const result = ReceptionRule.safeParse({ ...rule, ...extras });
  return result.success ? normalizeRule(result.data) : null;
}

function parseCore(text: string): Record<string, unknown> | null {
  // 每周二, 每星期二, 每礼拜二, 每周星期二
  const weekly = new RegExp(
    `^每(?:周|星期|礼拜)(?:的)?${weekdayPattern.replace('(?:星期|周|礼拜)', '(?:星期|周|礼拜)?')}$`,
  ).exec(text);
  if (weekly) {
    const weekday = weekdayOf(weekly[1]!);
    return weekday ? { kind: 'weekly', weekday } : null;
  }

  // 农历每月十六 → 每月农历十六
  let lunarLead = false;
  if (text.startsWith('农历') || text.startsWith('阴历')) {
    lunarLead = true;
    text = text.slice(2);
  }
  const period = takePeriod(text);
  if (!period) return null;
  const rest = period.rest;
  const monthly = {
    ...(period.everyMonths !== 1 ? { everyMonths: period.everyMonths } : {}),
    ...(period.startMonth ? { startMonth: period.startMonth } : {}),
  };

  // 农历十六, 阴历十六日, 初一, 十五 (after 农历)
  const lunar = new RegExp(`^(农历|阴历)?(初?${numeral})(?:日)?$`).exec(rest);
  if (lunar && (lunar[1] || lunarLead || lunar[2]!.startsWith('初'))) {
    const day = parseChineseNumber(lunar[2]!);
    if (day === null || day < 1 || day > 30) return null;
    return { kind: 'lunarMonthlyDay', lunarDay: day, ...monthly };
  }
  if (lunarLead) return null;

  // 15日, 15号, 十五日
  const day = new RegExp(`^(${numeral})(?:日|号)$`).exec(rest);
  if (day) {
    const n = parseChineseNumber(day[1]!);
    if (n === null || n < 1 || n > 31) return null;
    return { kind: 'monthlyDay', day: n, ...monthly };
  }

  // 第一个周三, 第1个星期三, 第一周的周三, 首个周三, 最后一个周五, 最后一周的周五
  const nth = new RegExp(
    `^(?:第(${numeral})(?:个|周的?|週的?)?|首个|(最后|末)(?:一个|一周的?|个)?)${weekdayPattern}$`,
  ).exec(rest);
  if (nth) {
    const n = nth[2] ? -1 : nth[1] ? parseChineseNumber(nth[1]) : 1;
    const weekday = weekdayOf(nth[3]!);
    if (n === null || weekday === null || (n !== -1 && (n < 1 || n > 5))) return null;
    return { kind: 'monthlyNthWeekday', nth: n, weekday, ...monthly };
  }
  return null;
}
