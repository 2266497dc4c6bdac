import { answerClassLabels, type Rates, type SuggestionFigures } from '../../../contracts/suggestions.js';
import type { Table } from '../../platform/files/table-file.js';

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const head = [
  '件数',
  '已答复',
  '按时答复率',
  '面商率',
  '初次满意率',
  '最终满意率',
  'A',
  'B',
  'C',
  'D',
  '解决率',
  '重新办理',
  '超期',
];
const cells = (r: Rates) => [
  String(r.count),
  String(r.answered),
  pct(r.onTimeRate),
  pct(r.consultationRate),
  pct(r.firstSatisfactionRate),
  pct(r.finalSatisfactionRate),
  String(r.classes.A),
  String(r.classes.B),
  String(r.classes.C),
  String(r.classes.D),
  pct(r.resolutionRate),
  String(r.redo),
  String(r.overdue),
];

/** The figures as one sheet: totals, units ranked, deputies, overdue list (with the class legend). */
export function figuresTable(f: SuggestionFigures): Table {
  return [
    ['代表建议办理情况统计'],
    ['', ...head],
    ['合计', ...cells(f.total)],
    [],
    ['承办单位（排名）', ...head],
    ...f.units.map((u) => [`${u.rank}. ${u.name}`, ...cells(u)]),
    [],
    ['领衔代表', ...head],
    ...f.deputies.map((d) => [d.name, ...cells(d)]),
    [],
    ['超期未答复', '编号', '标题', '承办单位', '应答复日期'],
    ...f.overdueList.map((o) => ['', o.number ?? '', o.title, o.unitNames, o.due]),
    [],
    ...Object.values(answerClassLabels).map((l) => [l.zh]),
  ];
}
