/**
 * A process as data (opinions, suggestions): for every action, the states it may start from, the
 * state it leads to (null: stays), who may fire it, and the rule it must satisfy. The modules keep
 * their own tables; deciding on a table is the same everywhere.
 */
export interface Transition<S extends string, C extends string, F, R extends string> {
  from: readonly S[];
  to: S | null;
  who: readonly C[];
  rule?: (f: F) => R | null;
}

export type Decision<S extends string, R extends string> =
  | { ok: true; to: S }
  | { ok: false; reason: 'state'; state: S }
  | { ok: false; reason: 'who' }
  | { ok: false; reason: 'rule'; rule: R };

/** Whether `action` may be fired now by someone acting in `capacities`, and where it leads. */
export function decideOn<
  S extends string,
  A extends string,
  C extends string,
  F extends { state: S },
  R extends string,
>(table: Record<A, Transition<S, C, F, R>>, f: F, action: A, capacities: readonly C[]): Decision<S, R> {
  const t = table[action];
  if (!t.from.includes(f.state)) return { ok: false, reason: 'state', state: f.state };
  if (!t.who.some((c) => capacities.includes(c))) return { ok: false, reason: 'who' };
  const failure = t.rule?.(f) ?? null;
  if (failure) return { ok: false, reason: 'rule', rule: failure };
  return { ok: true, to: t.to ?? f.state };
}
