import { Select } from 'antd';
import { useState } from 'react';
import type { DeputyView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { useDeputySearch } from '../api.js';

interface DeputyOption {
  value: number;
  label: string;
}

const optionOf = (d: DeputyView): DeputyOption => ({
  value: d.id,
  label: d.occupation ? `${d.name} · ${d.orgName} · ${d.occupation}` : `${d.name} · ${d.orgName}`,
});

/** Picks a serving deputy by name, part of it, occupation or pinyin initials (works inside a Form.Item). */
export function DeputySelect({
  id,
  value,
  onChange,
  exclude = [],
}: {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  exclude?: readonly number[];
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<DeputyOption | null>(null);
  const q = useDebounced(search);
  const found = useDeputySearch(q);
  const options = (found.data ?? []).filter((d) => !exclude.includes(d.id)).map(optionOf);
  // The chosen deputy keeps its label while the search moves on.
  if (picked && picked.value === value && !options.some((o) => o.value === value)) options.unshift(picked);

  return (
    <Select<number, DeputyOption>
      id={id}
      value={value}
      onChange={(next, option) => {
        setPicked(option && !Array.isArray(option) ? option : null);
        onChange?.(next);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      loading={found.isFetching}
      placeholder={t('stations.addMemberSearch')}
      notFoundContent={found.isFetching ? t('app.loading') : t('deputies.empty')}
      allowClear
    />
  );
}
