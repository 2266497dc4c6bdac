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

/**
 * Units of an assignment, from any street office or district department of the opinion's district:
 * the lead (one), or with `multiple` the co-units.
 */
export function AssignableUnitSelect<V extends number | undefined | number[]>({
  id,
  value,
  onChange,
  opinion,
  exclude,
  multiple,
  ...aria
}: Props<V> & { multiple?: boolean }) {
  const { groups, loading } = useAssignableUnits(opinion, exclude);
  return (
    <Select<V>
      id={id}
      aria-label={aria['aria-label']}
      mode={multiple ? 'multiple' : undefined}
      value={value ?? ((multiple ? [] : undefined) as V)}
      onChange={(next) => onChange?.((next ?? undefined) as V)}
      options={groups}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder=" "
      allowClear={multiple}
      popupMatchSelectWidth={!multiple ? false : undefined}
    />
  );
}
