// The yearly report (年度工作报告) of a district, street or station: the dashboard's figures for the
// year (the same functions, so the same numbers), suggestions and projects, and the rules kept,
// as a printable HTML page served by the server and as .xlsx.
import {
  figureDefinitions,
  rateDefinitions,
  rateKeys,
  suggestionRateDefinitions,
  suggestionRateKeys,
  type Dashboard,
  type ReportQuery,
  type StatCompliance,
  type WorkStats,
} from '../../../contracts/statistics.js';
import { stateLabels as suggestionStateLabels } from '../../../contracts/suggestions.js';
import type { Actor } from '../../platform/access/policy.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { readDb, type Platform } from '../../platform/context.js';
import type { Lang } from '../../platform/errors/errors.js';
import type { Table } from '../../platform/files/table-file.js';
import { statCompliance } from './compliance.js';
import { dashboard } from './dashboard.js';
import { chartTable, dashboardTable, pct } from './export.js';
import { periodsOf, resolveScope } from './scope.js';
import { workStats } from './work.js';

export interface YearReport {
  year: number;
  dashboard: Dashboard;
  work: WorkStats;
  compliance: StatCompliance | null;
}

/** The year's figures of the scope (default: this year, the actor's widest scope). */
export async function yearReport(p: Platform, actor: Actor, q: ReportQuery, lang: Lang): Promise<YearReport> {
  const year = q.year ?? Number(chinaToday().slice(0, 4));
  const range = { from: `${year}-01-01`, to: `${year}-12-31`, ...(q.orgId ? { orgId: q.orgId } : {}) };
  const s = await resolveScope(readDb(p), actor, q.orgId);
  const [d, work, compliance] = await Promise.all([
    dashboard(p, actor, range, lang),
    workStats(readDb(p), s, periodsOf(range)),
    s.kind === 'area' ? statCompliance(p, actor, range, lang) : null,
  ]);
  return { year, dashboard: d, work, compliance };
}

interface Section {
  title: string;
  rows: Table;
}

/** The report's parts after the dashboard's own: suggestions, projects (the per-chart tables), compliance. */
function workSections(r: YearReport, lang: Lang): Section[] {
  const l = lang === 'en' ? 'en' : 'zh';
  const en = l === 'en';
  const out: Section[] = [
    {
      title: en ? 'Deputies’ suggestions' : '代表建议办理',
      rows: [
        ...chartTable(r.dashboard, r.work, 'suggestions', lang),
        [],
        [en ? 'State' : '状态', en ? 'Suggestions' : '件数'],
        ...r.work.suggestions.byState.map((x) => [
          suggestionStateLabels[x.state as keyof typeof suggestionStateLabels]?.[l] ?? x.state,
          String(x.count),
        ]),
      ],
    },
    { title: en ? 'Livelihood projects' : '民生实事项目', rows: chartTable(r.dashboard, r.work, 'projects', lang) },
  ];
  if (r.compliance)
    out.push({
      title: en ? 'Rules kept' : '履职规范执行情况',
      rows: [
        [en ? 'Rule' : '规范', en ? 'Rate' : '比率', en ? 'Short of it' : '未达标'],
        ...r.compliance.rules
          .filter((x) => x.checked)
          .map((x) => [x.name, x.rate ? pct(x.rate.value) : '—', String(x.count)]),
      ],
    });
  return out;
}

/** The report as one sheet: the dashboard's table, then the sections. */
export function reportTable(r: YearReport, lang: Lang): Table {
  const rows: Table = [
    [lang === 'en' ? `Annual report ${r.year}` : `${r.year}年度工作报告`],
    ...dashboardTable(r.dashboard, lang),
  ];
  for (const s of workSections(r, lang)) rows.push([''], [s.title], ...s.rows);
  const width = Math.max(...rows.map((x) => x.length));
  return rows.map((x) => [...x, ...Array<string>(width - x.length).fill('')]);
}

const esc = (v: string) =>
  v.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function htmlTable(rows: Table, head = true) {
  const [first, ...rest] = rows.filter((r) => r.length);
  if (!first) return '';
  const cell = (tag: string) => (v: string) => `<${tag}>${esc(v)}</${tag}>`;
  return `<table>${head ? `<thead><tr>${first.map(cell('th')).join('')}</tr></thead>` : ''}<tbody>${(head
    ? rest
    : [first, ...rest]
  )
    .map((r) => `<tr>${r.map(cell('td')).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const STYLE = `
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei",sans-serif;margin:24px auto;max-width:1000px;padding:0 16px;color:#222;line-height:1.6}
h1{text-align:center;font-size:1.6em;margin-bottom:0}
.sub{text-align:center;color:#555;margin-top:4px}
h2{font-size:1.2em;border-left:4px solid #b71c1c;padding-left:8px;margin-top:28px}
table{border-collapse:collapse;width:100%;margin:8px 0;font-size:.9em}
th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.wrap{overflow-x:auto}
dl dt{font-weight:bold}
dl dd{margin:0 0 6px 0;color:#444}
@media print{body{margin:0;max-width:none}.noprint{display:none}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
`;

/** The report as a print-friendly page (no script: the browser's own print prints it). */
export function reportHtml(r: YearReport, lang: Lang): string {
  const en = lang === 'en';
  const l = en ? 'en' : 'zh';
  const d = r.dashboard;
  const cur = d.totals.current;
  const last = d.totals.lastYear;
  const rateRows: Table = [
    [en ? 'Figure' : '指标', String(r.year), String(r.year - 1)],
    [figureDefinitions.received[l].name, String(cur.received), String(last.received)],
    ...rateKeys.map((k) => [rateDefinitions[k][l].name, pct(cur.rates[k]?.value), pct(last.rates[k]?.value)]),
    [
      figureDefinitions.avgHandlingDays[l].name,
      String(cur.avgHandlingDays ?? '—'),
      String(last.avgHandlingDays ?? '—'),
    ],
    [figureDefinitions.overdueOpen[l].name, String(cur.overdueOpen), String(last.overdueOpen)],
  ];
  const ranked = (rows: Dashboard['children']) => [
    [
      en ? 'Rank' : '排名',
      en ? 'Name' : '名称',
      figureDefinitions.received[l].name,
      ...rateKeys.map((k) => rateDefinitions[k][l].name),
    ],
    ...rows.map((x) => [
      String(x.rank),
      x.name,
      String(x.figures.received),
      ...rateKeys.map((k) => pct(x.figures.rates[k]?.value)),
    ]),
  ];
  const parts = [
    `<h2>${en ? 'Opinions of constituents' : '群众意见办理'}</h2><div class="wrap">${htmlTable(rateRows)}</div>`,
    d.scope.kind === 'area'
      ? `<h2>${en ? 'Receptions' : '接待群众'}</h2><p>${
          en
            ? `${d.receptions.held} receptions held, ${d.receptions.visitors} constituents received, ${d.receptions.deputiesPresent} deputy attendances.`
            : `开展接待 ${d.receptions.held} 次，接待群众 ${d.receptions.visitors} 人次，代表参加 ${d.receptions.deputiesPresent} 人次。`
        }</p>`
      : '',
    d.children.length
      ? `<h2>${en ? 'Streets / stations' : '各街道 / 联络站'}</h2><div class="wrap">${htmlTable(ranked(d.children))}</div>`
      : '',
    d.units.length
      ? `<h2>${en ? 'Handling units' : '各承办单位'}</h2><div class="wrap">${htmlTable(ranked(d.units))}</div>`
      : '',
    d.categories.length
      ? `<h2>${en ? 'By category' : '意见分类'}</h2><div class="wrap">${htmlTable([
          [en ? 'Category' : '分类', figureDefinitions.received[l].name],
          ...d.categories.map((c) => [c.name, String(c.received)]),
        ])}</div>`
      : '',
    ...workSections(r, lang).map((s) => `<h2>${esc(s.title)}</h2><div class="wrap">${htmlTable(s.rows)}</div>`),
    `<h2>${en ? 'Definitions' : '指标口径'}</h2><dl>${[
      ...rateKeys.map((k) => rateDefinitions[k][l]),
      ...suggestionRateKeys.map((k) => suggestionRateDefinitions[k][l]),
    ]
      .map((x) => `<dt>${esc(x.name)}</dt><dd>${esc(x.text)}</dd>`)
      .join('')}</dl>`,
  ];
  const title = en ? `${d.scope.name}: annual report ${r.year}` : `${d.scope.name}${r.year}年度工作报告`;
  return `<!doctype html><html lang="${en ? 'en' : 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(title)}</h1><p class="sub">${esc(`${d.period.from} – ${d.period.to}`)} · ${en ? 'printed' : '生成于'} ${esc(chinaToday())}</p>
<p class="noprint sub">${en ? 'Print this page with the browser (Ctrl+P) or save it as PDF.' : '可用浏览器打印（Ctrl+P）或另存为 PDF。'}</p>
${parts.filter(Boolean).join('\n')}
</body></html>`;
}
