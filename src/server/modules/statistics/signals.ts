// Warnings no other system gives (signals, not verdicts): handling that looks closed but may not be.
import type { DashboardQuery, Signals } from '../../../contracts/statistics.js';
import { authorize, type Actor } from '../../platform/access/policy.js';
import { readDb, type Platform } from '../../platform/context.js';
import type { Lang } from '../../platform/errors/errors.js';
import {
  bouncingOpinions,
  fastAnswers,
  repeatedAnswers,
  unchangedAfterDissatisfied,
} from '../opinions/signal-source.js';
import { periodsOf, resolveScope } from './scope.js';

/** Each warning of the area in the period, with its evidence in the request's language. */
export async function signals(p: Platform, actor: Actor, q: DashboardQuery, lang: Lang): Promise<Signals> {
  const s = await resolveScope(readDb(p), actor, q.orgId);
  authorize(actor, 'statistics.signals', { orgPath: s.path }, 'statistics.read');
  if (s.kind !== 'area') return { items: [] };
  const { period } = periodsOf(q);
  const w = { scopePath: s.path, from: period.from, to: period.to };
  const en = lang === 'en';
  const [bouncing, fast, repeated, unchanged] = await Promise.all([
    bouncingOpinions(readDb(p), w),
    fastAnswers(readDb(p), w),
    repeatedAnswers(readDb(p), w),
    unchangedAfterDissatisfied(readDb(p), w),
  ]);
  return {
    items: [
      ...bouncing.map((b) => ({
        kind: 'bouncing' as const,
        opinionIds: [b.id],
        unitName: b.units[b.units.length - 1] ?? null,
        evidence: en
          ? `returned ${b.returns} times; units: ${b.units.join(' → ')}`
          : `退回 ${b.returns} 次；经手单位：${b.units.join(' → ')}`,
      })),
      ...fast.map((f) => ({
        kind: 'tooFast' as const,
        opinionIds: [f.id],
        unitName: f.unit,
        evidence: en
          ? `answered "solved" ${f.minutes} minutes after assignment`
          : `交办后 ${f.minutes} 分钟即答复“已解决”`,
      })),
      ...repeated.map((r) => ({
        kind: 'boilerplate' as const,
        opinionIds: r.ids,
        unitName: r.unit,
        evidence: en
          ? `the same answer to ${r.ids.length} opinions: “${r.answer.slice(0, 60)}”`
          : `对 ${r.ids.length} 件意见答复相同：“${r.answer.slice(0, 60)}”`,
      })),
      ...unchanged.map((u) => ({
        kind: 'dissatisfiedClosed' as const,
        opinionIds: [u.id],
        unitName: u.unit,
        evidence: u.same
          ? en
            ? 'after the dissatisfied rating, the same answer again'
            : '不满意重新交办后，答复与上次相同'
          : en
            ? `after the dissatisfied rating, answered again in ${u.minutes} minutes`
            : `不满意重新交办后 ${u.minutes} 分钟即再次答复`,
      })),
    ],
  };
}
