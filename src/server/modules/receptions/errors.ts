import type { ErrorSpec } from '../../platform/errors/errors.js';

/** The receptions module's error codes (joined to the catalogue by its manifest). */
export const receptionErrors = {
  RECEPTION_NO_RULE: {
    status: 409,
    zh: '该联络站尚未设置接待日规则，无法生成年度计划',
    en: 'The station has no reception-day rule to build a plan from',
  },
  RECEPTION_PLAN_APPROVED: {
    status: 409,
    zh: '年度计划已批准，不能重新生成',
    en: 'The annual plan is approved; it cannot be generated again',
  },
  RECEPTION_STATE: {
    status: 409,
    zh: '接待活动当前为“{state}”，不能执行此操作',
    en: 'The reception is {state}; this is not possible now',
  },
  RECEPTION_PAST: {
    status: 409,
    zh: '该接待活动（{day}，{end} 结束）已经举行过，不能再发布公告',
    en: 'This reception ({day}, ending {end}) has already taken place; it can no longer be announced',
  },
  RECEPTION_SLOT_FULL: {
    status: 409,
    zh: '该时段已约满，请选择其他时段',
    en: 'This slot is fully booked; choose another',
  },
  RECEPTION_ALREADY_BOOKED: {
    status: 409,
    zh: '这个手机号已预约了本次接待，如需改约请先取消原预约',
    en: 'This phone already has a booking for this reception; cancel it first to book another slot',
  },
  RECEPTION_PHONE_UNVERIFIED: {
    status: 400,
    zh: '手机号未验证或验证已过期，请重新获取验证码',
    en: 'The phone is not verified or the verification expired; ask for a new code',
  },
  RECEPTION_QR_INVALID: {
    status: 400,
    zh: '签到码无效，或不属于本次接待的值班代表',
    en: 'The sign-in code is invalid or not for a duty deputy of this reception',
  },
} as const satisfies Record<string, ErrorSpec>;

declare module '../../platform/errors/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleErrorCodes extends Record<keyof typeof receptionErrors, true> {}
}
