import type { ErrorSpec } from '../../platform/errors/errors.js';

/** The suggestions module's error codes (joined to the catalogue by its manifest). */
export const suggestionErrors = {
  SUGGESTION_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '代表建议当前为“{state}”，不能{action}',
    en: 'The suggestion is {state}; it cannot be {action} now',
  },
  SUGGESTION_SIGNERS_PENDING: {
    status: 409,
    zh: '还有联名代表未确认，请等待确认或撤销邀请后再提交',
    en: 'Some co-signers have not answered yet; wait for them or withdraw the invitation first',
  },
  SUGGESTION_NOT_A_DEPUTY: {
    status: 403,
    zh: '您的账号未关联人大代表，不能提出代表建议',
    en: 'Your account is not linked to a deputy; only deputies file suggestions',
  },
  SUGGESTION_RETURN_WINDOW: {
    status: 409,
    zh: '已超过申请退回的期限（{returnBy}），不能再退回交办',
    en: 'The window to return the assignment closed on {returnBy}',
  },
  SUGGESTION_EXTENSION_PENDING: {
    status: 409,
    zh: '已有延期申请待审批',
    en: 'An extension request is already waiting for a decision',
  },
  SUGGESTION_NO_EXTENSION_PENDING: {
    status: 409,
    zh: '没有待审批的延期申请',
    en: 'There is no extension request to decide',
  },
  SUGGESTION_PAUSED: { status: 409, zh: '办理时限已暂停计时', en: 'The clock is paused' },
  SUGGESTION_NOT_PAUSED: { status: 409, zh: '办理时限未暂停', en: 'The clock is not paused' },
  SUGGESTION_RATE_WINDOW_OPEN: {
    status: 409,
    zh: '领衔代表尚未评价，评价期至 {rateBy}，期满后方可办结',
    en: 'The lead deputy has not rated yet; the rating window runs to {rateBy}',
  },
  SUGGESTION_NOT_KEY: {
    status: 409,
    zh: '该建议未列入重点督办',
    en: 'The suggestion is not under key supervision',
  },
  SUGGESTION_NO_SESSION: {
    status: 409,
    zh: '尚未设立可提交建议的会议（届次），请联系代表工委',
    en: 'No congress session is open for suggestions; ask the deputy affairs committee',
  },
  SUGGESTION_NOT_ANSWERED: {
    status: 409,
    zh: '该建议尚未书面答复，答复后才能评价',
    en: 'The suggestion has not been answered in writing yet; it can be rated once answered',
  },
  SUGGESTION_ALREADY_RATED: {
    status: 409,
    zh: '您已评价过这次答复',
    en: 'You have already rated this answer',
  },
} as const satisfies Record<string, ErrorSpec>;

declare module '../../platform/errors/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleErrorCodes extends Record<keyof typeof suggestionErrors, true> {}
}
