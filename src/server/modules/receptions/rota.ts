/** Deputy levels from the highest down: a lower rank is a higher level. */
export const levelRank: Record<string, number> = { national: 0, provincial: 1, municipal: 2, county: 3, township: 4 };

export interface RotaDeputy {
  id: number;
  /** The deputy's highest level as a rank (levelRank); higher-level deputies come first on a tie. */
  rank: number;
  /** 领导干部代表: the documents want them first. */
  leadingCadre: boolean;
}

/**
 * The duty rota (值班安排) of a run of receptions, in date order: `perReception` deputies each.
 *
 * - Fair: each pick takes the deputies with the fewest turns so far (counting `prior` turns, e.g.
 *   receptions earlier in the year), so over the run every deputy gets a turn before anyone gets a
 *   second, and turns never differ by more than one among deputies who start level.
 * - Nobody twice in a row when avoidable: deputies on the previous reception are passed over while
 *   there are enough others (at least 2 × perReception deputies).
 * - Ties go to higher-level deputies (national, provincial, municipal before county, township),
 *   then to leading cadres (领导干部代表先行), then to whoever served longest ago, then by id: the
 *   same input always gives the same rota.
 */
export function assignRota(
  receptions: number,
  deputies: readonly RotaDeputy[],
  perReception: number,
  prior: ReadonlyMap<number, number> = new Map(),
): number[][] {
  const k = Math.min(perReception, deputies.length);
  const turns = new Map(deputies.map((d) => [d.id, prior.get(d.id) ?? 0]));
  const lastAt = new Map<number, number>(deputies.map((d) => [d.id, -1]));
  const rota: number[][] = [];
  let previous = new Set<number>();
  for (let i = 0; i < receptions; i++) {
    const avoidRepeat = deputies.length - previous.size >= k;
    const order = [...deputies].sort(
      (a, b) =>
        (avoidRepeat ? Number(previous.has(a.id)) - Number(previous.has(b.id)) : 0) ||
        turns.get(a.id)! - turns.get(b.id)! ||
        a.rank - b.rank ||
        Number(b.leadingCadre) - Number(a.leadingCadre) ||
        lastAt.get(a.id)! - lastAt.get(b.id)! ||
        a.id - b.id,
    );
    const picked = order.slice(0, k).map((d) => d.id);
    for (const id of picked) {
      turns.set(id, turns.get(id)! + 1);
      lastAt.set(id, i);
    }
    rota.push(picked);
    previous = new Set(picked);
  }
  return rota;
}
