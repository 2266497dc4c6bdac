import { Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../../app/i18n.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { useSignerCandidates, type SignerCandidate } from '../api.js';

interface Option {
  value: number;
  label: string;
}

const optionOf = (d: SignerCandidate): Option => ({ value: d.id, label: `${d.name} · ${d.orgName}` });

/**
 * Deputies to invite as co-signers: serving deputies of the suggestion's congress (not only the
 * lead deputy's station), found by name, part of it or pinyin (works inside a Form.Item).
 */
export function SignerSelect({
  id,
  value,
  onChange,
  suggestionId,
  exclude,
  'data-testid': testId,
}: {
  id?: string;
  value?: number[];
  onChange?: (value: number[]) => void;
  suggestionId: number;
  /** Deputies invited already. */
  exclude: readonly number[];
  'data-testid'?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Option[]>([]);
  const [open, setOpen] = useState(false);
  const q = useDebounced(search);
  const found = useSignerCandidates(suggestionId, q, true);
  // The list opens only on answers to what is typed now: a stale list would let Enter pick the wrong deputy.
  const fresh = search.trim() === q.trim() && !found.isPlaceholderData && !found.isFetching;
  const options = (found.data ?? []).filter((d) => !exclude.includes(d.id)).map(optionOf);
  for (const p of picked)
    if ((value ?? []).includes(p.value) && !options.some((o) => o.value === p.value)) options.unshift(p);

  return (
    <Select<number[], Option>
      id={id}
      data-testid={testId}
      mode="multiple"
      value={value ?? []}
      onChange={(next, chosen) => {
        const list = (Array.isArray(chosen) ? chosen : [chosen]).filter((o): o is Option => !!o && 'value' in o);
        setPicked((before) => [...before.filter((p) => !list.some((o) => o.value === p.value)), ...list]);
        setSearch('');
        // Closed after each pick: on a phone the open list would cover the form's button.
        setOpen(false);
        onChange?.(next);
      }}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      options={options}
      open={open && fresh}
      onOpenChange={setOpen}
      loading={!fresh}
      placeholder={t('suggestions.signers.searchPlaceholder')}
      notFoundContent={t('suggestions.signers.noneFound')}
      allowClear
    />
  );
}
