import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignRota, type RotaDeputy } from './rota.js';

const deputies = (n: number, extra: Partial<Record<number, Partial<RotaDeputy>>> = {}): RotaDeputy[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, rank: 3, leadingCadre: false, ...extra[i + 1] }));

function turns(rota: number[][]) {
  const t = new Map<number, number>();
  for (const r of rota) for (const id of r) t.set(id, (t.get(id) ?? 0) + 1);
  return t;
}

describe('the duty rota', () => {
  it('over a year of monthly receptions every deputy of a station gets a turn, evenly, and nobody twice in a row', () => {
    const rota = assignRota(12, deputies(7), 2);
    const t = turns(rota);
    expect([...t.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(Math.max(...t.values()) - Math.min(...t.values())).toBeLessThanOrEqual(1);
    for (let i = 1; i < rota.length; i++) expect(rota[i]!.filter((id) => rota[i - 1]!.includes(id))).toEqual([]);
  });

  it('puts higher-level deputies and leading cadres first on a tie', () => {
    const rota = assignRota(3, deputies(4, { 3: { rank: 2 }, 4: { leadingCadre: true } }), 1);
    expect(rota).toEqual([[3], [4], [1]]);
  });

  it('when repeats cannot be avoided (too few deputies) it still fills every reception and stays even', () => {
    const rota = assignRota(6, deputies(3), 2);
    expect(rota.every((r) => r.length === 2 && new Set(r).size === 2)).toBe(true);
    const t = turns(rota);
    expect(Math.max(...t.values()) - Math.min(...t.values())).toBeLessThanOrEqual(1);
  });

  it('counts turns already served this year', () => {
    const rota = assignRota(
      2,
      deputies(4),
      1,
      new Map([
        [1, 2],
        [2, 2],
      ]),
    );
    expect(rota).toEqual([[3], [4]]);
  });

  it('property: fair (everyone served once there are enough turns; spread ≤ 1) and no back-to-back duty when avoidable', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.record({ rank: fc.integer({ min: 0, max: 4 }), leadingCadre: fc.boolean() }), {
          minLength: 30,
          maxLength: 30,
        }),
        (n, receptions, per, traits) => {
          const ds = deputies(n).map((d, i) => ({ ...d, ...traits[i]! }));
          const rota = assignRota(receptions, ds, per);
          const k = Math.min(per, n);
          expect(rota.every((r) => r.length === k && new Set(r).size === k)).toBe(true);
          const t = turns(rota);
          const counts = ds.map((d) => t.get(d.id) ?? 0);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
          if (receptions * k >= n) expect(counts.every((c) => c > 0)).toBe(true);
          if (n >= 2 * k)
            for (let i = 1; i < rota.length; i++) expect(rota[i]!.some((id) => rota[i - 1]!.includes(id))).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
