import { describe, expect, it } from 'vitest';
import { SuggestionAction, suggestionActionNames } from '../../../../../contracts/suggestions.js';
import { actionBody, actionFields, type ActionValues } from './action-body.js';

/** What a person fills in each step's form (every required field). */
const filled: Record<string, ActionValues> = {
  withdraw: { reason: ' 已另行反映 ' },
  returnForRevision: { reason: '请补充具体措施' },
  returnAssignment: { reason: '不属本单位职责' },
  pause: { reason: '等待上级批复' },
  notAccept: { reason: '内容空泛', exclusions: ['empty'] },
  convert: { reason: '属个别事项', stationId: 7 },
  merge: { intoId: 12 },
  assign: { mode: 'joint', leadUnitId: 5, coUnitIds: [5, 6], unitIds: [] },
  coView: { view: '同意主办单位意见' },
  requestExtension: { months: 2, reason: '需要协调多个部门' },
  decideExtension: { approve: true, months: 1 },
  progress: { note: '已完成选址' },
  keyProgress: { note: '分管领导实地督查' },
  supervise: { note: '请加快办理' },
  consult: { at: '2026-11-20T09:30', method: 'phone', stage: 'during', attendees: '吴代表' },
  answer: { answerClass: 'B', content: '列入明年计划', commitmentDate: '2027-06-30', signedBy: '主任' },
  rate: { communication: 'satisfied', result: 'dissatisfied' },
  markKey: { key: true, leaders: '副主任' },
  setPublic: { publishable: false, reason: '涉及个人信息' },
};

describe('a step form becomes a request body', () => {
  it('every step’s body is one the contract accepts', () => {
    for (const action of suggestionActionNames) {
      const body = actionBody(action, filled[action] ?? {});
      const parsed = SuggestionAction.safeParse(body);
      expect(parsed.success, `${action}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      // The form shows a field for everything the body carries besides the action.
      for (const key of Object.keys(body).filter((k) => k !== 'action'))
        expect(actionFields[action], `${action}.${key}`).toContain(key);
    }
  });

  it('assign: the lead unit is not also a co-unit; separately, only the units go', () => {
    expect(actionBody('assign', filled.assign!)).toEqual({
      action: 'assign',
      mode: 'joint',
      leadUnitId: 5,
      coUnitIds: [6],
    });
    expect(actionBody('assign', { mode: 'separate', leadUnitId: 5, unitIds: [6, 7] })).toEqual({
      action: 'assign',
      mode: 'separate',
      unitIds: [6, 7],
    });
  });

  it('answer: the committed date goes only with B and C', () => {
    expect(actionBody('answer', { ...filled.answer!, answerClass: 'A' })).toMatchObject({ commitmentDate: undefined });
    expect(actionBody('answer', filled.answer!)).toMatchObject({ commitmentDate: '2027-06-30' });
  });

  it('texts are trimmed, empty optional ones left out', () => {
    expect(actionBody('withdraw', filled.withdraw!)).toEqual({ action: 'withdraw', reason: '已另行反映' });
    expect(actionBody('accept', { note: '   ' })).toEqual({ action: 'accept', note: undefined });
  });

  it('consult: the local minute becomes an instant with its offset', () => {
    const body = actionBody('consult', filled.consult!);
    expect(body).toMatchObject({ action: 'consult', at: new Date('2026-11-20T09:30').toISOString() });
  });
});
