import { Select } from 'antd';
import { useState } from 'react';
import type { OpinionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { useHints, useOpinionSearch } from '../api.js';

interface TargetOption {
  value: number;
  label: string;
}

/**
 * The opinion to merge into: similar open opinions of the same street are offered first; typing
 * searches the content of every opinion the user may read.
 */
export function MergeTargetSelect({
  id,
  value,
  onChange,
  opinion,
}: {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  opinion: Pick<OpinionView, 'id' | 'orgId' | 'content'>;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const similar = useHints({ orgId: opinion.orgId, text: opinion.content });
  const found = useOpinionSearch(q);
  const seen = new Set<number>([opinion.id]);
  const options: TargetOption[] = [];
  const add = (o: { id: number; receiptCode: string; excerpt: string }) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    options.push({ value: o.id, label: `${o.receiptCode} · ${o.excerpt}` });
  };
  // Only opinions still open can take another in (the server refuses the rest).
  const open = (o: { state: string }) => !['merged', 'rejected', 'closed'].includes(o.state);
  if (q.trim()) (found.data ?? []).filter(open).forEach(add);
  else (similar.data?.duplicates ?? []).forEach(add);

  return (
    <Select<number, TargetOption>
      id={id}
      value={value}
      onChange={(next) => onChange?.(next)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching || similar.isFetching}
      placeholder={t('opinions.form.targetHelp')}
      notFoundContent={t('opinions.empty')}
      allowClear
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}
