import { useHandlingUnits } from '../api.js';

export interface UnitOption {
  value: number;
  label: string;
}

/**
 * The handling units a picker offers: those in the user's scope, plus any the server suggested
 * (a district bureau lies outside a street officer's own tree), minus `exclude`.
 */
export function useUnitOptions(extra: readonly { id: number; name: string }[] = [], exclude: readonly number[] = []) {
  const units = useHandlingUnits();
  const options: UnitOption[] = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  for (const u of extra) if (!options.some((o) => o.value === u.id)) options.push({ value: u.id, label: u.name });
  return { options: options.filter((o) => !exclude.includes(o.value)), loading: units.isPending };
}
