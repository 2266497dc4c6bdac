import { Select, Spin, Tag } from 'antd';
import { useState } from 'react';
import type { DeputyView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { useDeputySearch } from '../../deputies/api.js';

interface DeputyOption {
  value: number;
  label: string;
}

const optionOf = (d: DeputyView): DeputyOption => ({ value: d.id, label: `${d.name} · ${d.orgName}` });

/**
 * Several serving deputies, found by name, part of it or pinyin initials (works inside a
 * Form.Item). `initial` names deputies already chosen, so their labels show before any search.
 */
export function DeputiesSelect({
  id,
  value,
  onChange,
  initial = [],
  closed = false,
  'data-testid': testId,
}: {
  id?: string;
  value?: number[];
  onChange?: (value: number[]) => void;
  initial?: readonly { id: number; name: string }[];
  /** Keeps the list shut (the picker is out of sight). */
  closed?: boolean;
  'data-testid'?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<DeputyOption[]>(() => initial.map((d) => ({ value: d.id, label: d.name })));
  const q = useDebounced(search);
  const found = useDeputySearch(q);
  const [open, setOpen] = useState(false);
  // The list shows only answers to what is typed now: a stale list would let Enter pick the wrong
  // deputy. It stays open meanwhile (closing it would clear what is being typed, letter by letter).
  const fresh = search.trim() === q.trim() && !found.isPlaceholderData && !found.isFetching;
  const chosen = new Set(value ?? []);
  // Deputies already chosen are not offered again: Enter on one would take them off.
  const options = fresh ? (found.data ?? []).map(optionOf).filter((o) => !chosen.has(o.value)) : [];
  // Chosen deputies keep their names while the search moves on.
  const labelOf = (id: unknown) => picked.find((p) => p.value === id)?.label ?? String(id);

  return (
    <Select<number[], DeputyOption>
      id={id}
      data-testid={testId}
      mode="multiple"
      value={value ?? []}
      onChange={(next, chosen) => {
        const list = (Array.isArray(chosen) ? chosen : [chosen]).filter((o): o is DeputyOption => !!o && 'value' in o);
        setPicked((before) => [...before.filter((p) => !list.some((o) => o.value === p.value)), ...list]);
        setSearch('');
        onChange?.(next);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      options={options}
      open={open && !closed}
      onOpenChange={setOpen}
      loading={!fresh}
      placeholder={t('stations.addMemberSearch')}
      notFoundContent={fresh ? t('deputies.empty') : <Spin size="small" />}
      tagRender={({ value: id, closable, onClose }) => (
        <Tag closable={closable} onClose={onClose} style={{ marginInlineEnd: 4 }}>
          {labelOf(id)}
        </Tag>
      )}
      allowClear
    />
  );
}
