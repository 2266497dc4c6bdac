import { stateLabels, type OpinionState } from '../../../contracts/opinions.js';
import type { Platform } from '../../platform/context.js';
import { invalid } from '../../platform/errors/errors.js';
import { monthOpinionCounts } from '../opinions/public-view.js';

/** Cells smaller than this are not published: nobody can be singled out from a small count. */
export const SUPPRESS_BELOW = 5;

const ratingNames: Record<string, string> = {
  verySatisfied: '非常满意',
  satisfied: '满意',
  basicallySatisfied: '基本满意',
  dissatisfied: '不满意',
  veryDissatisfied: '非常不满意',
};

export interface Cell {
  dimension: 'category' | 'street' | 'state' | 'satisfaction';
  key: string;
  /** null when suppressed (1–4). */
  count: number | null;
}

/**
 * A month's opinions counted by category, street, state and satisfaction: aggregates only, and
 * cells under 5 suppressed (shown as "<5") so that no single person's matter can be picked out.
 */
export async function monthFigures(
  p: Platform,
  month: string,
): Promise<{ month: string; total: number | null; cells: Cell[] }> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw invalid({ path: 'params.month', zh: '月份格式应为 YYYY-MM', en: 'The month must be YYYY-MM' });
  const counts = await monthOpinionCounts(p.db, month);
  const cells = (dimension: Cell['dimension'], rows: { key: string; n: number }[]): Cell[] =>
    rows.map((r) => ({
      dimension,
      key:
        dimension === 'state'
          ? (stateLabels[r.key as OpinionState]?.zh ?? r.key)
          : dimension === 'satisfaction'
            ? (ratingNames[r.key] ?? r.key)
            : (r.key ?? '未分类'),
      count: r.n < SUPPRESS_BELOW ? null : r.n,
    }));
  const n = counts.total;
  return {
    month,
    total: n < SUPPRESS_BELOW ? null : n,
    cells: [
      ...cells('category', counts.category),
      ...cells('street', counts.street),
      ...cells('state', counts.state),
      ...cells('satisfaction', counts.satisfaction),
    ],
  };
}

const dimensionNames: Record<Cell['dimension'], string> = {
  category: '分类',
  street: '街道',
  state: '办理状态',
  satisfaction: '满意度',
};

/** The same figures as CSV (UTF-8 with BOM, so that spreadsheet programs read the Chinese right). */
export function figuresCsv(f: Awaited<ReturnType<typeof monthFigures>>): string {
  const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ['月份,维度,项目,件数'];
  lines.push([f.month, '合计', '全部', f.total === null ? `<${SUPPRESS_BELOW}` : String(f.total)].join(','));
  for (const c of f.cells)
    lines.push(
      [
        f.month,
        dimensionNames[c.dimension],
        quote(c.key),
        c.count === null ? `<${SUPPRESS_BELOW}` : String(c.count),
      ].join(','),
    );
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
