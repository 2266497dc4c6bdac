import type { ErrorSpec } from '../../platform/errors/errors.js';

/** The projects module's error codes (joined to the catalogue by its manifest). */
export const projectErrors = {
  PROJECT_STATE: {
    status: 409,
    zh: '项目当前为“{state}”，不能{action}',
    en: 'The project is {state}; it cannot be {action} now',
  },
  PROJECT_DECISION_REQUIRED: {
    status: 409,
    zh: '实施计划已公布，变更、暂停或终止须经常委会（人代会）决定并公告',
    en: 'The plan is published: a change, pause or termination needs a recorded decision with a public notice',
  },
  PROJECT_VOTE_STATE: {
    status: 409,
    zh: '票决当前为“{state}”，不能{action}',
    en: 'The vote is {state}; it cannot be {action} now',
  },
  PROJECT_ALREADY_VOTED: {
    status: 409,
    zh: '您已投票（或已领取纸质选票），每位代表只能投一票',
    en: 'You have already voted (or took a paper ballot): one vote per deputy',
  },
  PROJECT_NOT_ELECTOR: {
    status: 403,
    zh: '您不在本次票决的代表名单中',
    en: 'You are not among the deputies of this vote',
  },
  PROJECT_COMMENTS_CLOSED: {
    status: 409,
    zh: '该票决的公开征求意见期未开放或已结束',
    en: 'The public comment period of this vote is not open',
  },
  PROJECT_PAPER_MISMATCH: {
    status: 409,
    zh: '纸质选票核对不符：{detail}',
    en: 'Paper ballots do not reconcile: {detail}',
  },
} as const satisfies Record<string, ErrorSpec>;

declare module '../../platform/errors/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ModuleErrorCodes extends Record<keyof typeof projectErrors, true> {}
}
