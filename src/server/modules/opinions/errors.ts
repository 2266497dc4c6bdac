import type { ErrorSpec } from '../../platform/errors/errors.js';

/** The opinions module's error codes (joined to the catalogue by its manifest). */
export const opinionErrors = {
  OPINION_ILLEGAL_TRANSITION: {
    status: 409,
    zh: '意见当前处于“{state}”状态，不能执行“{action}”',
    en: 'The opinion is {state}; “{action}” is not possible now',
  },
  OPINION_TIER_REQUIRED: {
    status: 409,
    zh: '只有区级或区级以上事项才能提交代表',
    en: 'Only district or higher matters can be escalated',
  },
  OPINION_REVIEW_FIRST: {
    status: 409,
    zh: '群众首次表示不满意，须重新交办后才能办结',
    en: 'The first dissatisfied rating must be reviewed (reassigned) before closing',
  },
  OPINION_NOT_DISSATISFIED: {
    status: 409,
    zh: '只有首次评价为不满意的事项才能重新交办',
    en: 'Only a first dissatisfied rating can be reassigned',
  },
  OPINION_NO_EXTENSION_PENDING: {
    status: 409,
    zh: '没有待审批的延期申请',
    en: 'There is no extension request to decide',
  },
  OPINION_EXTENSION_PENDING: { status: 409, zh: '已有延期申请待审批', en: 'An extension request is already waiting' },
  OPINION_NOT_ESCALATED: {
    status: 409,
    zh: '该事项未提交代表，不能关联代表建议',
    en: 'Only escalated opinions link to a suggestion',
  },
  FOLLOW_LINK_INVALID: {
    status: 404,
    zh: '链接无效或已过期，请凭受理编号和手机号后四位查询',
    en: 'The link is invalid or has expired; look it up with the receipt code and the phone’s last four digits',
  },
  SIGN_OFF_PENDING: {
    status: 409,
    zh: '这件意见已有交办在等待负责人签批',
    en: 'An assignment of this opinion is already waiting for the head’s sign-off',
  },
  SIGN_OFF_DECIDED: { status: 409, zh: '该交办已签批或已退回', en: 'This sign-off has already been decided' },
  OPINION_CONTACTABLE: {
    status: 409,
    zh: '群众留有联系方式，须先反馈办理结果（件件有回音）',
    en: 'The constituent can be reached: record the feedback first',
  },
  OPINION_RATING_WAIT: {
    status: 409,
    zh: '群众尚未评价：反馈后留给群众 {days} 个工作日评价，{closableOn} 起方可按“未评价”办结',
    en: 'The constituent has not rated yet: they have {days} working days after the feedback; from {closableOn} it may be closed as unrated',
  },
} as const satisfies Record<string, ErrorSpec>;

declare module '../../platform/errors/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleErrorCodes extends Record<keyof typeof opinionErrors, true> {}
}
