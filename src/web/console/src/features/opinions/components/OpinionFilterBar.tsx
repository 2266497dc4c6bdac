import { Button, DatePicker, Flex, Input, Select, Switch, Tag } from 'antd';
import dayjs from 'dayjs';
import { useId, useState } from 'react';
import type { Channel, Tier } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { useNarrow } from '../../../app/use-narrow.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import type { OpinionFilters } from '../api.js';
import { channels, opinionStates, tiers } from '../values.js';
import { CategoryTreeSelect } from './CategoryTreeSelect.js';
import { UnitSelect } from './UnitSelect.js';

/** The list's filters; every change goes to the address, so a filtered list can be linked and reloaded. */
export function OpinionFilterBar({
  filters,
  onChange,
}: {
  filters: OpinionFilters;
  onChange: (next: OpinionFilters) => void;
}) {
  const t = useT();
  const overdueLabel = useId();
  const set = (patch: Partial<OpinionFilters>) => onChange({ ...filters, ...patch });
  const states = filters.state ? filters.state.split(',') : [];
  const anySet = Object.values(filters).some((v) => v !== undefined);
  // On a phone: each filter the screen's width, and all but the search folded behind one button.
  const narrow = useNarrow();
  const [more, setMore] = useState(false);
  const w = (px: number) => ({ width: narrow ? '100%' : px });
  // (The to-do queue is not a filter to unfold: its tag stays in sight either way.)
  const folded =
    narrow && !more && !Object.entries(filters).some(([k, v]) => k !== 'q' && k !== 'todo' && v !== undefined);
  const f = (px: number) => (folded ? { display: 'none' } : w(px));
  const SEARCH = w(280);

  return (
    <Flex vertical gap={12} style={{ marginBottom: 16 }} role="search">
      <Flex gap={12} wrap align="center">
        <Input.Search
          // A new key when the filters are cleared empties the box as well.
          key={filters.q ?? ''}
          allowClear
          defaultValue={filters.q}
          placeholder={t('opinions.searchPlaceholder')}
          aria-label={t('opinions.searchPlaceholder')}
          enterButton={t('common.search')}
          maxLength={100}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          style={SEARCH}
          data-testid="opinion-search"
        />
        {narrow ? (
          <Button onClick={() => setMore(!more)} data-testid="filter-more" style={{ width: '100%' }}>
            {folded ? t('opinions.filter.more') : t('opinions.filter.fewer')}
          </Button>
        ) : null}
        <Select<string[]>
          mode="multiple"
          allowClear
          aria-label={t('opinions.filter.state')}
          placeholder={t('opinions.filter.state')}
          value={states}
          onChange={(next) => set({ state: next.length ? next.join(',') : undefined })}
          options={opinionStates.map((s) => ({ value: s, label: t(`opinionState.${s}`) }))}
          maxTagCount="responsive"
          style={f(180)}
          data-testid="filter-state"
        />
        <CategoryTreeSelect
          allowClear
          aria-label={t('opinions.filter.category')}
          value={filters.categoryId}
          onChange={(categoryId) => set({ categoryId })}
          style={f(180)}
        />
        <OrgTreeSelect
          allowClear
          aria-label={t('opinions.filter.org')}
          placeholder={t('opinions.filter.org')}
          value={filters.orgId}
          onChange={(orgId) => set({ orgId })}
          style={f(200)}
        />
      </Flex>
      <Flex gap={12} wrap align="center">
        <UnitSelect
          allowClear
          aria-label={t('opinions.filter.unit')}
          value={filters.unitId}
          onChange={(unitId) => set({ unitId })}
          style={f(180)}
        />
        <Select<Tier>
          allowClear
          aria-label={t('opinions.filter.tier')}
          placeholder={t('opinions.filter.tier')}
          value={filters.tier}
          onChange={(tier) => set({ tier })}
          options={tiers.map((x) => ({ value: x, label: t(`opinionTier.${x}`) }))}
          style={f(150)}
        />
        <Select<Channel>
          allowClear
          aria-label={t('opinions.filter.channel')}
          placeholder={t('opinions.filter.channel')}
          value={filters.channel}
          onChange={(channel) => set({ channel })}
          options={channels.map((x) => ({ value: x, label: t(`opinionChannel.${x}`) }))}
          style={f(150)}
        />
        <DatePicker.RangePicker
          style={folded ? { display: 'none' } : narrow ? { width: '100%' } : undefined}
          aria-label={t('opinions.filter.dates')}
          allowEmpty={[true, true]}
          value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
          onChange={(range) =>
            set({
              from: range?.[0]?.format('YYYY-MM-DD') ?? undefined,
              to: range?.[1]?.format('YYYY-MM-DD') ?? undefined,
            })
          }
        />
        <Flex align="center" gap={6} style={folded ? { display: 'none' } : undefined}>
          <Switch
            aria-labelledby={overdueLabel}
            checked={filters.overdue ?? false}
            onChange={(on) => set({ overdue: on || undefined })}
            data-testid="filter-overdue"
          />
          <span id={overdueLabel}>{t('opinions.filter.overdue')}</span>
        </Flex>
        {filters.todo ? (
          <Tag
            color="blue"
            closable
            onClose={() => set({ todo: undefined })}
            data-testid="filter-todo"
            style={{ marginInlineEnd: 0, paddingBlock: 4 }}
          >
            {t('opinions.filter.todo', { queue: t(`opinionTodo.${filters.todo}`) })}
          </Tag>
        ) : null}
        {anySet ? (
          <Button type="link" onClick={() => onChange({})}>
            {t('opinions.filter.clear')}
          </Button>
        ) : null}
      </Flex>
    </Flex>
  );
}
