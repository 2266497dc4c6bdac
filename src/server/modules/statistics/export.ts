// The dashboard as one spreadsheet: totals compared, then each ranked table, with the definitions.
import {
  channelLabels,
  figureDefinitions,
  projectRatingLabels,
  projectStateLabels,
  rateDefinitions,
  rateKeys,
  suggestionRateDefinitions,
  suggestionRateKeys,
  type ChartExportQuery,
  type Dashboard,
  type Figures,
  type SuggestionFigures,
  type WorkStats,
} from '../../../contracts/statistics.js';

type ChartPart = ChartExportQuery['part'];
import type { Table } from '../../platform/files/table-file.js';
import type { Lang } from '../../platform/errors/errors.js';

export const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));

function columns(lang: Lang) {
  const l = lang === 'en' ? 'en' : 'zh';
  return [
    figureDefinitions.received[l].name,
    ...rateKeys.map((k) => rateDefinitions[k][l].name),
    figureDefinitions.avgHandlingDays[l].name,
    figureDefinitions.p90HandlingDays[l].name,
    figureDefinitions.returns[l].name,
    figureDefinitions.extensions[l].name,
    figureDefinitions.overdueOpen[l].name,
    figureDefinitions.dueSoon[l].name,
    figureDefinitions.unrated[l].name,
  ];
}

function cells(f: Figures): string[] {
  return [
    String(f.received),
    ...rateKeys.map((k) => pct(f.rates[k]?.value)),
    num(f.avgHandlingDays),
    num(f.p90HandlingDays),
    String(f.returns),
    String(f.extensions),
    String(f.overdueOpen),
    String(f.dueSoon),
    String(f.unrated),
  ];
}

/** Rows (header first) of the dashboard's figures and tables, in the request's language. */
export function dashboardTable(d: Dashboard, lang: Lang): Table {
  const en = lang === 'en';
  const cols = columns(lang);
  const blank = [''];
  const rows: Table = [
    [en ? 'Scope' : '范围', d.scope.name, en ? 'Period' : '统计期间', `${d.period.from} – ${d.period.to}`],
    blank,
    [en ? 'Period' : '期间', ...cols],
    [`${d.period.from} – ${d.period.to}`, ...cells(d.totals.current)],
    [`${d.previous.from} – ${d.previous.to}`, ...cells(d.totals.previous)],
    [`${d.lastYear.from} – ${d.lastYear.to}`, ...cells(d.totals.lastYear)],
  ];
  const section = (title: string, list: Dashboard['children']) => {
    if (!list.length) return;
    rows.push(blank, [title], [en ? 'Rank' : '排名', en ? 'Name' : '名称', ...cols]);
    for (const r of list) rows.push([String(r.rank), r.name, ...cells(r.figures)]);
  };
  section(en ? 'Streets / stations' : '街道 / 联络站', d.children);
  section(en ? 'Handling units' : '承办单位', d.units);
  section(en ? 'Deputies' : '代表', d.deputies);
  if (d.categories.length) {
    rows.push(blank, [en ? 'Category' : '分类', figureDefinitions.received[en ? 'en' : 'zh'].name]);
    for (const c of d.categories) rows.push([c.name, String(c.received)]);
  }
  rows.push(blank, [en ? 'Definitions' : '指标口径']);
  for (const k of rateKeys)
    rows.push([rateDefinitions[k][en ? 'en' : 'zh'].name, rateDefinitions[k][en ? 'en' : 'zh'].text]);
  // Every row as wide as the widest: the spreadsheet writer wants a rectangle.
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array<string>(width - r.length).fill('')]);
}

/**
 * The data behind one chart or table of the dashboard (header first). Suggestions and projects
 * come from `work`; the rest from the dashboard itself, so the file and the chart agree.
 */
export function chartTable(d: Dashboard, work: WorkStats, part: ChartPart, lang: Lang): Table {
  const en = lang === 'en';
  const l = en ? 'en' : 'zh';
  const received = figureDefinitions.received[l].name;
  const rankedRows = (list: Dashboard['children']): Table => [
    [en ? 'Rank' : '排名', en ? 'Name' : '名称', ...columns(lang)],
    ...list.map((r) => [String(r.rank), r.name, ...cells(r.figures)]),
  ];
  switch (part) {
    case 'series':
      return [
        [en ? 'Period' : '时间', received, en ? 'Closed' : '办结'],
        ...d.series.map((s) => [s.bucket, String(s.received), String(s.closed)]),
      ];
    case 'categories':
      return [[en ? 'Category' : '分类', received], ...d.categories.map((c) => [c.name, String(c.received)])];
    case 'channels':
      return [
        [en ? 'Channel' : '渠道', received],
        ...d.channels.map((c) => [channelLabels[c.channel]?.[l] ?? c.channel, String(c.received)]),
      ];
    case 'children':
      return rankedRows(d.children);
    case 'units':
      return rankedRows(d.units);
    case 'deputies':
      return rankedRows(d.deputies);
    case 'suggestions': {
      const head = [
        en ? 'Name' : '名称',
        en ? 'Submitted' : '提交',
        en ? 'Accepted' : '立案',
        en ? 'Answered' : '已答复',
        ...suggestionRateKeys.map((k) => suggestionRateDefinitions[k][l].name),
        en ? 'Overdue' : '超期未答复',
      ];
      const row = (name: string, f: SuggestionFigures) => [
        name,
        String(f.submitted),
        String(f.counted),
        String(f.answered),
        ...suggestionRateKeys.map((k) => pct(f.rates[k].value)),
        String(f.overdue),
      ];
      return [
        head,
        row(d.scope.name, work.suggestions.totals),
        ...work.suggestions.units.map((u) => row(u.name, u.figures)),
      ];
    }
    case 'projects':
      return [
        [en ? 'State' : '状态', en ? 'Projects' : '项目数', en ? 'Cost (yuan)' : '投资（元）'],
        ...work.projects.byState.map((x) => [
          projectStateLabels[x.state]?.[l] ?? x.state,
          String(x.count),
          String(x.cost),
        ]),
        [en ? 'Total' : '合计', String(work.projects.total), String(work.projects.cost)],
        [],
        [en ? 'Year-end rating' : '年终满意度测评', en ? 'Projects' : '项目数'],
        ...work.projects.byRating.map((x) => [projectRatingLabels[x.rating]?.[l] ?? x.rating, String(x.count)]),
      ];
  }
}

/** Rows as CSV (UTF-8 with a byte-order mark, so that Excel reads the Chinese right). */
export function csvOf(rows: Table): string {
  const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  return `\uFEFF${rows.map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
