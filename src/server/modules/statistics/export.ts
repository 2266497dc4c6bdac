// The dashboard as one spreadsheet: totals compared, then each ranked table, with the definitions.
import {
  figureDefinitions,
  rateDefinitions,
  rateKeys,
  type Dashboard,
  type Figures,
} from '../../../contracts/statistics.js';
import type { Table } from '../../platform/files/table-file.js';
import type { Lang } from '../../platform/errors/errors.js';

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`);
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
