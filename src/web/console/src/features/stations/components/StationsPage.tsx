import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Switch, type TableColumnsType } from 'antd';
import { useId, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { StationKind, StationView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { PagedTable } from '../../../app/PagedTable.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { withQuery } from '../../../app/api-client.js';
import { useCan, useMe } from '../../../app/session.js';
import { TableExportButton, TableImportButton } from '../../imports/components/TableImportButton.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { headOf, stationKinds, stationQuery, stationsImported, useStationList, type StationFilters } from '../api.js';
import { ComplianceSummary } from './ComplianceSummary.js';
import { StationFormModal } from './StationFormModal.js';
import { StationProblemTags } from './StationProblemTags.js';

/** /console/stations: the stations in scope, their make-up and whether they meet the rules. */
export function StationsPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const navigate = useNavigate();
  const switchLabel = useId();
  const [filters, setFilters] = useState<StationFilters>({});
  const [creating, setCreating] = useState(false);
  const list = useStationList(filters);

  const columns: TableColumnsType<StationView> = [
    {
      key: 'name',
      title: t('stations.col.name'),
      width: 220,
      render: (_, s) => (
        <Link to={`/stations/${s.id}`} onClick={(e) => e.stopPropagation()}>
          {s.name}
        </Link>
      ),
    },
    {
      key: 'kind',
      title: t('stations.col.kind'),
      render: (_, s) =>
        s.domain
          ? t('stations.kindWithDomain', { kind: t(`stationKind.${s.kind}`), domain: s.domain })
          : t(`stationKind.${s.kind}`),
    },
    { key: 'parent', title: t('stations.col.parent'), render: (_, s) => s.parentName ?? '—' },
    { key: 'deputies', title: t('stations.col.deputies'), align: 'right', render: (_, s) => s.servingDeputies },
    {
      key: 'head',
      title: t('stations.col.head'),
      render: (_, s) => <span style={{ whiteSpace: 'nowrap' }}>{headOf(s)?.name ?? '—'}</span>,
    },
    {
      key: 'officers',
      title: t('stations.col.officers'),
      render: (_, s) => s.liaisonOfficers.map((o) => o.displayName).join('、') || '—',
    },
    { key: 'status', title: t('stations.col.status'), render: (_, s) => <StationProblemTags station={s} /> },
  ];

  return (
    <>
      <PageTitle
        extra={
          <>
            {can('station.manage') ? (
              <TableImportButton
                what={t('stations.importWhat')}
                importUrl="/api/stations/import"
                templateUrl="/api/stations/import-template"
                defaultOrgId={me.roles.find((r) => r.role === 'streetOfficer' || r.role === 'districtOfficer')?.orgId}
                onImported={stationsImported}
                testId="import-stations"
              />
            ) : null}
            <TableExportButton
              href={withQuery('/api/stations/export', stationQuery(filters))}
              testId="export-stations"
            />
            {can('station.manage') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-station"
              >
                {t('stations.create')}
              </Button>
            ) : null}
          </>
        }
      >
        {t('stations.title')}
      </PageTitle>
      <Flex vertical gap={16}>
        <ComplianceSummary onShowProblems={() => setFilters((f) => ({ ...f, withProblems: true }))} />
        <Card>
          <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search">
            <Input.Search
              allowClear
              placeholder={t('stations.searchPlaceholder')}
              aria-label={t('stations.searchPlaceholder')}
              enterButton={t('common.search')}
              maxLength={50}
              onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
              style={{ width: 320 }}
              data-testid="station-search"
            />
            <OrgTreeSelect
              allowClear
              aria-label={t('stations.orgFilter')}
              placeholder={t('stations.orgFilter')}
              value={filters.orgId}
              onChange={(orgId) => setFilters((f) => ({ ...f, orgId }))}
              style={{ width: 220 }}
            />
            <Select<StationKind | 'all'>
              aria-label={t('stations.kindFilter')}
              value={filters.kind ?? 'all'}
              onChange={(kind) => setFilters((f) => ({ ...f, kind: kind === 'all' ? undefined : kind }))}
              options={[
                { value: 'all', label: t('stations.kindAll') },
                ...stationKinds.map((k) => ({ value: k, label: t(`stationKind.${k}`) })),
              ]}
              style={{ width: 180 }}
            />
            <Flex align="center" gap={6}>
              <Switch
                aria-labelledby={switchLabel}
                checked={filters.withProblems ?? false}
                onChange={(on) => setFilters((f) => ({ ...f, withProblems: on || undefined }))}
                data-testid="only-problems"
              />
              <span id={switchLabel}>{t('stations.onlyProblems')}</span>
            </Flex>
          </Flex>
          <PagedTable<StationView>
            list={list}
            columns={columns}
            emptyText={t('stations.empty')}
            scrollX={960}
            onRow={(s) => ({ onClick: () => void navigate(`/stations/${s.id}`), style: { cursor: 'pointer' } })}
          />
        </Card>
      </Flex>
      <StationFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(station) => {
          setCreating(false);
          void navigate(`/stations/${station.id}`);
        }}
      />
    </>
  );
}
