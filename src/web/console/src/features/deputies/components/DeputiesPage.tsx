import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { DeputyLevel, DeputyStatus, DeputyView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { PagedTable } from '../../../app/PagedTable.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan, useMe } from '../../../app/session.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { withQuery } from '../../../app/api-client.js';
import { TableExportButton, TableImportButton } from '../../imports/components/TableImportButton.js';
import { StationSelect } from '../../stations/components/StationSelect.js';
import { deputiesImported, deputyLevels, deputyStatuses, useDeputyList, type DeputyFilters } from '../api.js';
import { DeputyDrawer } from './DeputyDrawer.js';
import { DeputyFormModal } from './DeputyFormModal.js';
import { DeputyLevelTags } from './DeputyLevelTags.js';
import { DeputyStatusTag } from './DeputyStatusTag.js';

/** /console/deputies: the register of deputies in scope, searchable by name or pinyin initials; `?deputy=<id>` opens a profile. */
export function DeputiesPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const [filters, setFilters] = useState<DeputyFilters>({});
  const [params, setParams] = useSearchParams();
  const [selected, setSelected] = useState<number | null>(() => Number(params.get('deputy')) || null);
  const [creating, setCreating] = useState(false);
  const list = useDeputyList(filters);

  const columns: TableColumnsType<DeputyView> = [
    {
      key: 'name',
      title: t('deputies.col.name'),
      render: (_, d) => (
        <Button
          type="link"
          style={{ paddingInline: 0, height: 'auto' }}
          onClick={(e) => {
            e.stopPropagation();
            setSelected(d.id);
          }}
        >
          {d.name}
        </Button>
      ),
    },
    { key: 'levels', title: t('deputies.col.levels'), render: (_, d) => <DeputyLevelTags levels={d.levels} /> },
    { key: 'org', title: t('deputies.col.org'), dataIndex: 'orgName' },
    {
      key: 'stations',
      title: t('deputies.col.stations'),
      render: (_, d) => (
        <Flex gap={4} wrap>
          {d.stations.map((s) => (
            <Tag key={s.id} color={s.isHead ? 'gold' : 'default'} style={{ marginInlineEnd: 0 }}>
              {s.isHead ? `${s.name} · ${t('deputies.head')}` : s.name}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { key: 'occupation', title: t('deputies.col.occupation'), render: (_, d) => d.occupation ?? '—' },
    { key: 'status', title: t('deputies.col.status'), render: (_, d) => <DeputyStatusTag status={d.status} /> },
    { key: 'phone', title: t('deputies.col.phone'), render: (_, d) => d.privatePhoneMasked ?? '—' },
  ];

  return (
    <>
      <PageTitle
        extra={
          <>
            {can('deputy.manage') ? (
              <TableImportButton
                what={t('deputies.importWhat')}
                importUrl="/api/deputies/import"
                templateUrl="/api/deputies/import-template"
                defaultOrgId={me.roles.find((r) => r.role === 'streetOfficer' || r.role === 'districtOfficer')?.orgId}
                onImported={deputiesImported}
                testId="import-deputies"
              />
            ) : null}
            <TableExportButton href={withQuery('/api/deputies/export', { ...filters })} testId="export-deputies" />
            {can('deputy.manage') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-deputy"
              >
                {t('deputies.create')}
              </Button>
            ) : null}
          </>
        }
      >
        {t('deputies.title')}
      </PageTitle>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            allowClear
            placeholder={t('deputies.searchPlaceholder')}
            aria-label={t('deputies.searchPlaceholder')}
            enterButton={t('common.search')}
            maxLength={50}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            style={{ width: 340 }}
            data-testid="deputy-search"
          />
          <OrgTreeSelect
            allowClear
            aria-label={t('deputies.orgFilter')}
            placeholder={t('deputies.orgFilter')}
            value={filters.orgId}
            onChange={(orgId) => setFilters((f) => ({ ...f, orgId }))}
            style={{ width: 240 }}
          />
          <StationSelect
            aria-label={t('deputies.stationFilter')}
            placeholder={t('deputies.stationFilter')}
            value={filters.stationId}
            onChange={(stationId) => setFilters((f) => ({ ...f, stationId }))}
            style={{ width: 240 }}
          />
          <Select<DeputyLevel | 'all'>
            aria-label={t('deputies.levelFilter')}
            value={filters.level ?? 'all'}
            onChange={(level) => setFilters((f) => ({ ...f, level: level === 'all' ? undefined : level }))}
            options={[
              { value: 'all', label: t('deputies.levelAll') },
              ...deputyLevels.map((l) => ({ value: l, label: t(`level.${l}`) })),
            ]}
            style={{ width: 150 }}
          />
          <Select<DeputyStatus | 'all'>
            aria-label={t('deputies.statusFilter')}
            value={filters.status ?? 'all'}
            onChange={(status) => setFilters((f) => ({ ...f, status: status === 'all' ? undefined : status }))}
            options={[
              { value: 'all', label: t('deputies.statusAll') },
              ...deputyStatuses.map((s) => ({ value: s, label: t(`deputyStatus.${s}`) })),
            ]}
            style={{ width: 150 }}
          />
        </Flex>
        <PagedTable<DeputyView>
          list={list}
          columns={columns}
          emptyText={t('deputies.empty')}
          scrollX={1000}
          onRow={(d) => ({ onClick: () => setSelected(d.id), style: { cursor: 'pointer' } })}
        />
      </Card>
      <DeputyDrawer
        deputyId={selected}
        onClose={() => {
          setSelected(null);
          if (params.has('deputy')) setParams({}, { replace: true });
        }}
      />
      <DeputyFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
        }}
      />
    </>
  );
}
