import type { MessageKey } from '../app/i18n.js';

export const kindKey = (kind: string) => `kind_${kind}` as MessageKey;
export const levelKey = (level: string) => `level_${level}` as MessageKey;

const rating: Record<string, [string, string]> = {
  verySatisfied: ['非常满意', 'very satisfied'],
  satisfied: ['满意', 'satisfied'],
  basicallySatisfied: ['基本满意', 'fairly satisfied'],
  dissatisfied: ['不满意', 'dissatisfied'],
  veryDissatisfied: ['非常不满意', 'very dissatisfied'],
};
export const RATING_LEVELS = Object.keys(rating);
export const ratingLabel = (level: string, lang: string) => rating[level]?.[lang === 'en' ? 1 : 0] ?? level;

const states: Record<string, [string, string]> = {
  registered: ['已登记', 'registered'],
  triaged: ['已研判', 'sorted'],
  answered: ['已当场答复', 'answered on the spot'],
  assigned: ['已交办', 'passed to a unit'],
  inProgress: ['办理中', 'in progress'],
  responded: ['已答复', 'answered by the unit'],
  fedBack: ['已反馈，待评价', 'fed back, awaiting your rating'],
  rated: ['已评价', 'rated'],
  closed: ['已办结', 'closed'],
  merged: ['已合并办理', 'merged with a similar one'],
  rejected: ['不予受理', 'not accepted'],
  escalated: ['已提交代表', 'passed to the deputies'],
};
export const stateLabel = (state: string, lang: string) => states[state]?.[lang === 'en' ? 1 : 0] ?? state;

const actions: Record<string, [string, string]> = {
  register: ['登记受理', 'Registered'],
  triage: ['梳理研判', 'Sorted'],
  answer: ['当场答复', 'Answered on the spot'],
  merge: ['合并办理', 'Merged'],
  reject: ['不予受理', 'Not accepted'],
  escalate: ['提交代表', 'Passed to the deputies'],
  assign: ['交办', 'Passed to a unit'],
  reassign: ['重新交办', 'Passed to another unit'],
  accept: ['承办单位签收', 'Taken up by the unit'],
  respond: ['承办单位答复', 'Answered by the unit'],
  feedback: ['反馈结果', 'Result told back'],
  rate: ['满意度评价', 'Rated'],
  close: ['办结', 'Closed'],
};
export const actionLabel = (action: string, lang: string) => actions[action]?.[lang === 'en' ? 1 : 0] ?? action;
