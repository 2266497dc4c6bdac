import type { ErrorSpec } from '../../platform/errors/errors.js';

/** The duty record's error codes (joined to the catalogue by its manifest). */
export const dutyErrors = {
  DUTY_NOT_A_DEPUTY: {
    status: 403,
    zh: '您的账号未关联人大代表，不能查看或登记本人履职档案',
    en: 'Your account is not linked to a deputy; there is no record of your own',
  },
  DUTY_ACTIVITY_STATE: {
    status: 409,
    zh: '该履职活动当前为“{state}”，不能{action}',
    en: 'The activity is {state}; it cannot be {action} now',
  },
  DUTY_RULES_PAST: {
    status: 409,
    zh: '{year} 年已有积分规则，往年规则不能改写；新版本只能从今年或以后生效',
    en: 'Year {year} already has point rules; a past year keeps its rules, so a new version takes effect this year or later',
  },
  DUTY_REPORT_STATE: {
    status: 409,
    zh: '述职报告当前为“{state}”，不能{action}',
    en: 'The report-back is {state}; it cannot be {action} now',
  },
  DUTY_REPORT_EXISTS: {
    status: 409,
    zh: '{year} 年的述职报告已存在',
    en: 'There is already a report-back for {year}',
  },
  DUTY_AWARD_EXISTS: {
    status: 409,
    zh: '已作出该项评选决定',
    en: 'This award has already been decided',
  },
  DUTY_NOT_NOMINATED: {
    status: 409,
    zh: '该对象不在本年度的推荐名单中',
    en: "Not among this year's nominations",
  },
  DUTY_EVENT_CODE: {
    status: 400,
    zh: '签到码无效或已过期，请向组织者索取新的签到码',
    en: 'The sign-in code is invalid or has expired; ask the organiser for a new one',
  },
  DUTY_EVENT_TRIES: {
    status: 429,
    zh: '签到码输错次数过多，请扫码签到或请工作人员代为签到',
    en: 'Too many wrong codes; scan the QR code or ask the staff to sign you in',
  },
  DUTY_EVENT_NOT_INVITED: {
    status: 403,
    zh: '您不在本次活动的名单上，请联系组织者',
    en: 'You are not on the list of this activity; ask the organiser',
  },
  DUTY_EVENT_FULL: {
    status: 409,
    zh: '报名人数已满',
    en: 'The activity is full',
  },
  DUTY_EVENT_STATE: {
    status: 409,
    zh: '活动已取消，不能签到、报名或修改',
    en: 'The activity is cancelled; no sign-in, sign-up or change',
  },
  DUTY_RATING_CLOSED: {
    status: 409,
    zh: '该次接待不在评价期内（接待当天起 14 天内可评价）',
    en: 'This reception is not open for rating (from its day for 14 days)',
  },
  DUTY_EVENT_SIGNED: {
    status: 409,
    zh: '已有代表签到，活动不能取消；如有误，请在履职档案中更正',
    en: 'Deputies have signed in; the activity cannot be cancelled (correct the record instead)',
  },
  DUTY_EVENT_HELD: {
    status: 409,
    zh: '活动已开始或已举行，不能再移出受邀代表',
    en: 'The activity has started or taken place; invited deputies can no longer be removed',
  },
  DUTY_EVENT_DEPUTY_SIGNED: {
    status: 409,
    zh: '该代表已签到，不能移出名单；如有误，请在履职档案中更正',
    en: 'This deputy has signed in and cannot be removed (correct the record instead)',
  },
} as const satisfies Record<string, ErrorSpec>;

declare module '../../platform/errors/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleErrorCodes extends Record<keyof typeof dutyErrors, true> {}
}
