import type { z } from 'zod';
import { opinionStates, stateLabels, type OpinionState } from '../../../contracts/opinions.js';
import type { OpenDataCell, OpenDataMonth } from '../../../contracts/portal.js';
import type { Platform } from '../../platform/context.js';
import { invalid } from '../../platform/errors/errors.js';
import { monthOpenDataCounts } from '../opinions/open-data-counts.js';

/** Cells smaller than this are not published: nobody can be singled out from a small count. */
export const SUPPRESS_BELOW = 5;

/** The ratings, best first, with their words (the satisfaction section lists all five). */
const ratings: [code: string, zh: string, en: string][] = [
  ['verySatisfied', '非常满意', 'very satisfied'],
  ['satisfied', '满意', 'satisfied'],
  ['basicallySatisfied', '基本满意', 'fairly satisfied'],
  ['dissatisfied', '不满意', 'dissatisfied'],
  ['veryDissatisfied', '非常不满意', 'very dissatisfied'],
];
const SATISFIED = new Set(['verySatisfied', 'satisfied', 'basicallySatisfied']);

export type Cell = z.infer<typeof OpenDataCell>;
type Figures = z.infer<typeof OpenDataMonth>;

const suppressed = (n: number) => (n > 0 && n < SUPPRESS_BELOW ? null : n);

/**
 * A month's opinions counted by category, street (the street's own name), state (in the order of
 * the workflow) and satisfaction (all five levels, and the share satisfied): aggregates only, and
 * cells of 1–4 suppressed (shown as "<5") so that no single person's matter can be picked out.
 */
export async function monthFigures(p: Platform, month: string): Promise<Figures> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw invalid({ path: 'params.month', zh: '月份格式应为 YYYY-MM', en: 'The month must be YYYY-MM' });
  const counts = await monthOpenDataCounts(p.db, month);
  const cells: Cell[] = [];
  for (const r of counts.category)
    cells.push({
      dimension: 'category',
      code: r.name ?? '',
      key: r.name ?? '未分类',
      keyEn: r.name_en ?? 'not yet sorted',
      count: suppressed(r.n),
    });
  for (const r of counts.street)
    cells.push({
      dimension: 'street',
      code: r.name ?? '',
      key: r.name ?? '未明确街道',
      keyEn: r.name ?? 'no street',
      count: suppressed(r.n),
    });
  const byState = new Map(counts.state.map((r) => [r.state, r.n]));
  for (const state of opinionStates as readonly OpinionState[]) {
    const n = byState.get(state);
    if (n)
      cells.push({
        dimension: 'state',
        code: state,
        key: stateLabels[state].zh,
        keyEn: stateLabels[state].en,
        count: suppressed(n),
      });
  }
  const byRating = new Map(counts.satisfaction.map((r) => [r.rating, r.n]));
  let rated = 0;
  let satisfied = 0;
  for (const [code, zh, en] of ratings) {
    const n = byRating.get(code) ?? 0;
    rated += n;
    if (SATISFIED.has(code)) satisfied += n;
    cells.push({ dimension: 'satisfaction', code, key: zh, keyEn: en, count: suppressed(n) });
  }
  return {
    month,
    total: suppressed(counts.total),
    cells,
    satisfaction: {
      rated: suppressed(rated),
      satisfiedPercent: rated >= SUPPRESS_BELOW ? Math.round((satisfied / rated) * 1000) / 10 : null,
    },
  };
}

const dimensionNames: Record<Cell['dimension'], string> = {
  category: '分类',
  street: '街道',
  state: '办理状态',
  satisfaction: '满意度',
};

/** The same figures as CSV (UTF-8 with BOM, so that spreadsheet programs read the Chinese right). */
export function figuresCsv(f: Figures): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const n = (v: number | null) => (v === null ? `<${SUPPRESS_BELOW}` : String(v));
  const lines = ['月份,维度,项目,件数'];
  lines.push([f.month, '合计', '全部', n(f.total)].join(','));
  for (const c of f.cells) lines.push([f.month, dimensionNames[c.dimension], quote(c.key), n(c.count)].join(','));
  if (f.satisfaction.satisfiedPercent !== null)
    lines.push([f.month, dimensionNames.satisfaction, '满意率(%)', String(f.satisfaction.satisfiedPercent)].join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
