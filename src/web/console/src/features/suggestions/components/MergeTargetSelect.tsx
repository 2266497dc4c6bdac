import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../../app/i18n.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { useSuggestionSearch, type SuggestionState } from '../api.js';

/** The states a suggestion may be merged into (accepted and numbered). */
const mergeable: readonly SuggestionState[] = ['accepted', 'assigned', 'answered', 'reHandling', 'closed'];

/** Another accepted suggestion to merge this one into, found by words of its title (works inside a Form.Item). */
export function MergeTargetSelect({
  id,
  value,
  onChange,
  selfId,
}: {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  selfId: number;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const found = useSuggestionSearch(q);
  const options = (found.data ?? [])
    .filter((s) => s.id !== selfId && mergeable.includes(s.state))
    .map((s) => ({ value: s.id, label: `${s.number ?? ''} ${s.title}`.trim() }));
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      options={options}
      loading={found.isFetching}
      placeholder={t('suggestions.form.intoPlaceholder')}
      notFoundContent={t('suggestions.empty')}
      allowClear
    />
  );
}
