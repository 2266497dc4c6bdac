import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useT } from '../../../app/i18n.js';
import { useUnitOptions, type UnitOption } from '../hooks/use-unit-options.js';

export interface UnitSelectProps<V> {
  id?: string;
  value?: V;
  onChange?: (value: V) => void;
  /** Units the server suggested, offered even when outside the user's tree. */
  extra?: readonly { id: number; name: string }[];
  exclude?: readonly number[];
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
}

/** One handling unit (street office or department), searchable by name (works inside a Form.Item). */
export function UnitSelect({
  id,
  value,
  onChange,
  extra,
  exclude,
  placeholder,
  allowClear,
  style,
  ...aria
}: UnitSelectProps<number | undefined>) {
  const t = useT();
  const { options, loading } = useUnitOptions(extra, exclude);
  return (
    <Select<number, UnitOption>
      id={id}
      aria-label={aria['aria-label']}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder ?? t('opinions.filter.unit')}
      allowClear={allowClear}
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}
