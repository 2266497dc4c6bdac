import { Select } from 'antd';
import { useAssignableUnits } from '../hooks/use-unit-options.js';

interface Props<V> {
  id?: string;
  value?: V;
  onChange?: (value: V) => void;
  opinion: { id: number; tier: string | null };
  exclude?: readonly number[];
  'aria-label'?: string;
}

/** The lead unit of an assignment: any street office or district department of the opinion's district. */
export function AssignableUnitSelect({ id, value, onChange, opinion, exclude, ...aria }: Props<number | undefined>) {
  const { groups, loading } = useAssignableUnits(opinion, exclude);
  return (
    <Select<number>
      id={id}
      aria-label={aria['aria-label']}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={groups}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder=" "
      popupMatchSelectWidth={false}
    />
  );
}

/** The co-units of an assignment, from the same list. */
export function AssignableUnitsSelect({ id, value, onChange, opinion, exclude, ...aria }: Props<number[]>) {
  const { groups, loading } = useAssignableUnits(opinion, exclude);
  return (
    <Select<number[]>
      id={id}
      aria-label={aria['aria-label']}
      mode="multiple"
      value={value ?? []}
      onChange={(next) => onChange?.(next)}
      options={groups}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
    />
  );
}
