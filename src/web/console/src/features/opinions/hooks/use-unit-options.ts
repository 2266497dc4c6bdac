import { useQuery } from '@tanstack/react-query';
import { api } from '../../../app/api-client.js';
import { useT } from '../../../app/i18n.js';
import { useHandlingUnits } from '../api.js';

export interface UnitOption {
  value: number;
  label: string;
}
export interface UnitGroup {
  label: string;
  options: UnitOption[];
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

interface AssignableUnit {
  id: number;
  name: string;
  kind: string;
  parentName: string | null;
}

/**
 * The units an opinion may be assigned to (the server's list: every street office and district
 * department of its district, not only the user's own tree), in two groups; a district-tier
 * opinion offers the district's departments first.
 */
export function useAssignableUnits(opinion: { id: number; tier: string | null }, exclude: readonly number[] = []) {
  const t = useT();
  const units = useQuery({
    queryKey: ['opinions', opinion.id, 'units'],
    queryFn: () => api<{ items: AssignableUnit[] }>('GET', `/api/opinions/${opinion.id}/units`).then((r) => r.items),
    staleTime: 60_000,
  });
  const of = (kind: string) =>
    (units.data ?? [])
      .filter((u) => u.kind === kind && !exclude.includes(u.id))
      .map((u) => ({ value: u.id, label: u.name }));
  const streets: UnitGroup = { label: t('opinions.form.unitsStreet'), options: of('streetOffice') };
  const departments: UnitGroup = { label: t('opinions.form.unitsDistrict'), options: of('department') };
  const groups = (opinion.tier === 'street' ? [streets, departments] : [departments, streets]).filter(
    (g) => g.options.length,
  );
  return { groups, loading: units.isPending };
}
