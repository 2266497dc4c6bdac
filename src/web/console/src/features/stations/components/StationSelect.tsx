import { Select } from 'antd';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { useState, type CSSProperties } from 'react';
import { api, withQuery } from '../../../app/api-client.js';
import type { Page, StationView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { useDebounced } from '../../../app/use-debounced.js';

interface StationOption {
  value: number;
  label: string;
}

/** Picks a station by name, part of it, pinyin initials or code (works inside a Form.Item or as a filter). */
export function StationSelect({
  id,
  value,
  onChange,
  placeholder,
  style,
  ...aria
}: {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<StationOption | null>(null);
  const q = useDebounced(search);
  const found = useQuery({
    queryKey: ['stations', 'search', q],
    queryFn: () =>
      api<Page<StationView>>('GET', withQuery('/api/stations', { q: q.trim(), limit: 20 })).then((r) => r.items),
    placeholderData: keepPreviousData,
  });
  const options = (found.data ?? []).map((s) => ({ value: s.id, label: s.name }));
  if (picked && picked.value === value && !options.some((o) => o.value === value)) options.unshift(picked);
  return (
    <Select<number, StationOption>
      id={id}
      aria-label={aria['aria-label']}
      value={value}
      onChange={(next, option) => {
        setPicked(option && !Array.isArray(option) ? option : null);
        onChange?.(next);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      loading={found.isFetching}
      placeholder={placeholder ?? t('stations.searchPlaceholder')}
      notFoundContent={found.isFetching ? t('app.loading') : t('stations.empty')}
      allowClear
      style={style}
    />
  );
}
