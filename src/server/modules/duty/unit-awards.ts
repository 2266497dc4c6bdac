// 建议办理先进单位: handling units pre-ranked from the suggestions' handling record of the year, read
// through `suggestions/digest-source.ts`. The committee decides like the other award kinds (awards.ts).
import { chinaToday } from '../../platform/calendar/dates.js';
import { inScope, type Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { unitHandlingRecords, type UnitHandlingRecord } from '../suggestions/digest-source.js';

/** The weights of the score (out of 100); the console's award screen says the same. */
export const UNIT_WEIGHTS = { onTime: 40, satisfaction: 40, solved: 20 } as const;

const ratio = (n: number, d: number) => (d > 0 ? n / d : 0);

/**
 * A unit's score: 40 × on-time rate (answered on time ÷ (answered + overdue unanswered))
 * + 40 × satisfaction ((满意 + ½ 基本满意) ÷ rated answers; none rated: 0)
 * + 20 × solved share (class-A answers ÷ answered), rounded to 0.1.
 */
export function unitScore(r: UnitHandlingRecord): number {
  const rated = r.satisfied + r.basicallySatisfied + r.dissatisfied;
  const score =
    UNIT_WEIGHTS.onTime * ratio(r.onTime, r.answered + r.overdue) +
    UNIT_WEIGHTS.satisfaction * ratio(r.satisfied + r.basicallySatisfied / 2, rated) +
    UNIT_WEIGHTS.solved * ratio(r.classA, r.answered);
  return Math.round(score * 10) / 10;
}

/** What a unit is ranked on, shown next to its name and kept with the decision. */
export function unitBasis(r: UnitHandlingRecord, score: number): string {
  return (
    `按时答复 ${r.onTime}/${r.answered + r.overdue} · ` +
    `满意 ${r.satisfied} 基本满意 ${r.basicallySatisfied} 不满意 ${r.dissatisfied} · ` +
    `A类 ${r.classA}/${r.answered} · 得分 ${score}`
  );
}

/** Units that answered at least one suggestion of the year in the committee's scope, best first. */
export async function rankedUnits(p: Platform, actor: Actor, year: number) {
  const records = await unitHandlingRecords(p.db, year, chinaToday(), (path) => inScope(actor, 'duty.manage', path));
  return records
    .filter((r) => r.answered > 0)
    .map((r) => ({ r, score: unitScore(r) }))
    .sort((a, b) => b.score - a.score || b.r.answered - a.r.answered || a.r.unitId - b.r.unitId)
    .map(({ r, score }) => ({ subjectId: r.unitId, name: r.unitName, basis: unitBasis(r, score), score }));
}
