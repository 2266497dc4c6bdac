import { Select } from 'antd';
import { useUnitOptions, type UnitOption } from '../hooks/use-unit-options.js';
import type { UnitSelectProps } from './UnitSelect.js';

/** Several handling units (the co-units of an assignment). */
export function UnitMultiSelect({
  id,
  value,
  onChange,
  extra,
  exclude,
  placeholder,
  style,
  ...aria
}: UnitSelectProps<number[]>) {
  const { options, loading } = useUnitOptions(extra, exclude);
  return (
    <Select<number[], UnitOption>
      id={id}
      aria-label={aria['aria-label']}
      mode="multiple"
      value={value ?? []}
      onChange={(next) => onChange?.(next)}
      options={options}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      allowClear
      style={style}
    />
  );
}
