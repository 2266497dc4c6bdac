// Compliance in one place: every rule the documents set, for a district, street or station: the
// opinion and suggestion deadlines and feedback (from the rollups, the same rates as the
// dashboard), and the station and reception rules (read through the compliance module).
import {
  rateDefinitions,
  suggestionRateDefinitions,
  type DashboardQuery,
  type Rate,
  type RateKey,
  type StatCompliance,
} from '../../../contracts/statistics.js';
import { can, type Actor } from '../../platform/access/policy.js';
import { readDb, type Platform } from '../../platform/context.js';
import { AppError, type Lang } from '../../platform/errors/errors.js';
import { checkAll } from '../compliance/check.js';
import { compared } from './dashboard.js';
import { drill } from './drill.js';
import { periodsOf, resolveScope } from './scope.js';
import { workDrill, workStats } from './work.js';

type Rule = StatCompliance['rules'][number];
type Breach = Rule['breaches'][number];

const LISTED = 50;

const detailText: Record<string, { zh: string; en: string }> = {
  missed: { zh: '已超过两个月未接待', en: 'No reception for over two months' },
  atRisk: { zh: '即将到期且未安排', en: 'Due soon, none scheduled' },
  scheduled: { zh: '已安排，尚未参加', en: 'Scheduled, not yet attended' },
  none: { zh: '本年度未参加接待', en: 'No reception this year' },
};

/** The rules and who falls short of them, in the scope and period asked for. */
export async function statCompliance(
  p: Platform,
  actor: Actor,
  q: DashboardQuery,
  lang: Lang,
): Promise<StatCompliance> {
  const s = await resolveScope(readDb(p), actor, q.orgId);
  if (s.kind !== 'area') throw new AppError('NOT_FOUND');
  const ps = periodsOf(q);
  const l = lang === 'en' ? 'en' : 'zh';
  const [totals, work] = await Promise.all([compared(readDb(p), s, ps), workStats(readDb(p), s, ps)]);
  const base = { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), orgId: s.orgId };

  const opinionRule = async (code: Rule['code'], key: RateKey): Promise<Rule> => {
    const rate = totals.current.rates[key]!;
    const list = await drill(p, actor, { ...base, figure: key, part: 'missed', limit: LISTED });
    return {
      code,
      name: rateDefinitions[key][l].name,
      text: rateDefinitions[key][l].text,
      rate,
      count: rate.den - rate.num,
      checked: true,
      breaches: list.items.map((o) => ({
        kind: 'opinion',
        id: o.id,
        name: o.receiptCode,
        detail: `${o.orgName} · ${o.content.slice(0, 40)}`,
      })),
    };
  };

  const suggestionRule = async (): Promise<Rule> => {
    const rate: Rate = work.suggestions.totals.rates.onTimeRate;
    const d = suggestionRateDefinitions.onTimeRate[l];
    const readable = can(actor, 'suggestion.read', { orgPath: s.path });
    const breaches: Breach[] = [];
    if (readable)
      for (const [figure, part] of [
        ['onTimeRate', 'missed'],
        ['overdue', 'all'],
      ] as const) {
        const list = await workDrill(p, actor, { ...base, kind: 'suggestion', figure, part });
        for (const x of list.items)
          if (!breaches.some((b) => b.id === x.id))
            breaches.push({
              kind: 'suggestion',
              id: x.id,
              name: x.number ?? `#${x.id}`,
              detail: `${x.title}${figure === 'overdue' ? (l === 'en' ? ' (overdue)' : '（超期未答复）') : ''}`,
            });
      }
    return {
      code: 'suggestionOnTime',
      name: d.name,
      text: `${d.text}${l === 'en' ? ' Overdue and unanswered ones are listed too.' : '超期未答复的一并列出。'}`,
      rate,
      count: rate.den - rate.num + work.suggestions.totals.overdue,
      checked: true,
      breaches: breaches.slice(0, LISTED),
    };
  };

  const receptionRules = async (): Promise<Rule[]> => {
    const codes = ['stationComposition', 'receptionCadence', 'districtDeputyReception', 'groupActivities'] as const;
    if (!can(actor, 'reception.read', { orgPath: s.path }))
      return codes.map((code) => ({ code, name: code, text: '', rate: null, count: 0, checked: false, breaches: [] }));
    const report = await checkAll(p, actor, { orgId: s.orgId, year: Number(ps.period.to.slice(0, 4)) });
    const kind = {
      stationComposition: 'station',
      receptionCadence: 'station',
      districtDeputyReception: 'deputy',
      groupActivities: 'group',
    } as const;
    return report.rules.map((r) => ({
      code: r.code,
      name: r.label[l],
      text: r.label[l],
      rate: null,
      count: r.count,
      checked: true,
      breaches: r.shortfalls.slice(0, LISTED).map((x) => ({
        kind: kind[r.code],
        id: x.id,
        name: x.name,
        detail:
          detailText[x.detail]?.[l] ??
          (r.code === 'groupActivities' ? `${x.detail}${l === 'en' ? ' activities' : ' 次活动'}` : x.detail),
      })),
    }));
  };

  const rules = await Promise.all([
    opinionRule('opinionResponse', 'responseRate'),
    opinionRule('opinionOnTime', 'onTimeRate'),
    opinionRule('opinionFeedback', 'feedbackRate'),
    suggestionRule(),
  ]);
  return {
    scope: { orgId: s.orgId, name: s.name },
    period: ps.period,
    asOf: new Date().toISOString(),
    rules: [...rules, ...(await receptionRules())],
  };
}
