// Figures from sums: every rate computed the one way its definition says (contracts/statistics.ts).
import { rateDefinitions, rateKeys, type Figures, type RankedRow } from '../../../contracts/statistics.js';
import { bucketDays, histColumns } from './measures.js';

export type Sums = Record<string, number>;
export type Kind = 'opinion' | 'unit';

export const ratio = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

/**
 * The 90th percentile from the day histogram: the upper bound (in days) of the bucket where 90 %
 * of the handled ones are reached; beyond the last bound, that bound (shown as "> 60").
 */
export function p90Days(s: Sums): number | null {
  const n = histColumns.reduce((a, h) => a + (s[h] ?? 0), 0);
  if (!n) return null;
  let seen = 0;
  for (const [i, h] of histColumns.entries()) {
    seen += s[h] ?? 0;
    if (seen >= 0.9 * n) return bucketDays[i] ?? bucketDays[bucketDays.length - 1]!;
  }
  return null;
}

/** The figures of one set of sums (an area's opinions, or a unit's lead assignments). */
export function figuresOf(s: Sums, kind: Kind): Figures {
  const get = (k: string) => Number(s[k] ?? 0);
  const rates: Figures['rates'] = {};
  for (const key of rateKeys) {
    const d = rateDefinitions[key];
    if (kind === 'unit' && !d.unit) continue;
    rates[key] = { num: get(d.num), den: get(d.den), value: ratio(get(d.num), get(d.den)) };
  }
  const handled = get('handled');
  return {
    received: get(kind === 'unit' ? 'assignments' : 'received'),
    rates,
    avgHandlingDays: handled ? Math.round((get('handling_minutes') / handled / 1440) * 10) / 10 : null,
    p90HandlingDays: p90Days(s),
    returns: get('returns'),
    extensions: get('extensions'),
    overdueOpen: get('overdue_open'),
    dueSoon: get('due_soon'),
    rated: get('rated'),
    unrated: Math.max(0, get('fed_back') - get('rated')),
    closed: get('closed'),
  };
}

/**
 * Ranks rows by on-time rate, then satisfaction, then volume (a row without a rate goes last);
 * equal figures share a rank.
 */
export function ranked(rows: { id: number; name: string; figures: Figures }[]): RankedRow[] {
  const key = (f: Figures) => [f.rates.onTimeRate?.value ?? -1, f.rates.satisfactionRate?.value ?? -1, f.received];
  const sorted = [...rows].sort((a, b) => {
    const ka = key(a.figures);
    const kb = key(b.figures);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return kb[i]! - ka[i]!;
    return a.name.localeCompare(b.name, 'zh-CN');
  });
  let rank = 0;
  let prev = '';
  return sorted.map((r, i) => {
    const k = key(r.figures).join('|');
    if (k !== prev) rank = i + 1;
    prev = k;
    return { ...r, rank };
  });
}
