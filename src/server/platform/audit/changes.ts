/**
 * The "before" half of an audit summary: the current values of the fields a patch names (the
 * patch itself is the "after"). Fields the current record does not have are left out.
 */
export function beforeOf<T extends object>(current: T, patch: object): Partial<T> {
  return Object.fromEntries(
    Object.keys(patch)
      .filter((k) => k in current && (patch as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, current[k as keyof T] ?? null]),
  ) as Partial<T>;
}
