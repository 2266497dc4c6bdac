import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { actionBody, actionFieldOf } from './action-body.js';
import { opinionFieldOfPath } from './form-errors.js';

describe('a step form becomes a request body', () => {
  it('assign: trims, drops the lead from the co-units, leaves the defaults to the server', () => {
    expect(
      actionBody('assign', { leadUnitId: 5, coUnitIds: [5, 6], signedBy: ' 李主任 ', deadlineDays: null, note: '  ' }),
    ).toEqual({
      action: 'assign',
      leadUnitId: 5,
      coUnitIds: [6],
      deadlineDays: undefined,
      signedBy: '李主任',
      signedAt: undefined,
      note: null,
    });
    const at = dayjs('2026-11-20T09:30:00+08:00');
    expect(actionBody('reassign', { leadUnitId: 5, signedBy: '王', signedAt: at })).toMatchObject({
      action: 'reassign',
      signedAt: at.toISOString(),
    });
  });

  it('the two levels keep their own form fields', () => {
    expect(actionBody('rate', { ratingLevel: 'dissatisfied' })).toEqual({
      action: 'rate',
      level: 'dissatisfied',
      comment: null,
    });
    expect(actionBody('supervise', { supervisionLevel: 'escalation', note: '请加快' })).toEqual({
      action: 'supervise',
      level: 'escalation',
      note: '请加快',
    });
    expect(actionFieldOf('rate', 'level')).toBe('ratingLevel');
    expect(actionFieldOf('supervise', 'level')).toBe('supervisionLevel');
  });

  it("server field paths land on the form's fields", () => {
    expect(opinionFieldOfPath('body.coUnitIds.1')).toBe('coUnitIds');
    expect(opinionFieldOfPath('body.constituent.phone')).toBe('phone');
    expect(opinionFieldOfPath('body.content')).toBe('content');
  });
});
