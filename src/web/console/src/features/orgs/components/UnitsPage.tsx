import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { withQuery } from '../../../app/api-client.js';
import type { OrgView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { PagedTable } from '../../../app/PagedTable.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { queryClient } from '../../../app/query-client.js';
import { useCan, useMe } from '../../../app/session.js';
import { TableExportButton, TableImportButton } from '../../imports/components/TableImportButton.js';
import { orgsChanged, unitKinds, unitQuery, useOrgs, useUnits, type UnitFilters, type UnitKind } from '../api.js';
import { OrgFormModal } from './OrgFormModal.js';
import { OrgTreeSelect } from './OrgTreeSelect.js';

type Status = 'all' | 'active' | 'inactive';

/** /console/units: the handling units (承办单位) in scope with their contacts; import, export, edit. */
export function UnitsPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const [filters, setFilters] = useState<UnitFilters>({});
  const [editing, setEditing] = useState<OrgView | 'new' | null>(null);
  const list = useUnits(filters);
  const orgs = useOrgs();
  const names = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const mayManage = can('org.manage');

  const columns: TableColumnsType<OrgView> = [
    { key: 'name', title: t('units.col.name'), dataIndex: 'name', width: 240 },
    { key: 'code', title: t('units.col.code'), render: (_, u) => u.code ?? '—' },
    { key: 'kind', title: t('units.col.kind'), render: (_, u) => t(`orgKind.${u.kind}`) },
    {
      key: 'parent',
      title: t('units.col.parent'),
      render: (_, u) => (u.parentId ? names.get(u.parentId) : null) ?? '—',
    },
    { key: 'person', title: t('units.col.contactPerson'), render: (_, u) => u.contactPerson ?? '—' },
    { key: 'phone', title: t('units.col.contactPhone'), render: (_, u) => u.contactPhone ?? '—' },
    {
      key: 'status',
      title: t('units.col.status'),
      render: (_, u) => (u.active ? <Tag color="green">{t('units.active')}</Tag> : <Tag>{t('units.inactive')}</Tag>),
    },
  ];
  if (mayManage) {
    columns.push({
      key: 'actions',
      title: t('common.actions'),
      render: (_, u) => (
        <Button
          size="small"
          type="link"
          icon={<EditOutlined />}
          onClick={() => setEditing(u)}
          data-testid={`unit-edit-${u.id}`}
        >
          {t('orgs.edit')}
        </Button>
      ),
    });
  }

  const status: Status = filters.active === undefined ? 'all' : filters.active ? 'active' : 'inactive';
  const refresh = () => {
    orgsChanged();
    void queryClient.invalidateQueries({ queryKey: ['orgs', 'units'] });
  };

  return (
    <>
      <PageTitle
        extra={
          <>
            {mayManage ? (
              <TableImportButton
                what={t('units.importWhat')}
                importUrl="/api/orgs/units/import"
                templateUrl="/api/orgs/units/import-template"
                defaultOrgId={me.roles.find((r) => r.role !== 'admin')?.orgId ?? me.orgId}
                onImported={refresh}
                testId="import-units"
              />
            ) : null}
            <TableExportButton href={withQuery('/api/orgs/units/export', unitQuery(filters))} testId="export-units" />
            {mayManage ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing('new')}
                data-testid="create-unit"
              >
                {t('units.create')}
              </Button>
            ) : null}
          </>
        }
      >
        {t('units.title')}
      </PageTitle>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            allowClear
            placeholder={t('units.search')}
            aria-label={t('units.search')}
            enterButton={t('common.search')}
            maxLength={50}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            style={{ width: 320 }}
            data-testid="unit-search"
          />
          <Select<UnitKind | 'all'>
            aria-label={t('units.col.kind')}
            value={filters.kind ?? 'all'}
            onChange={(kind) => setFilters((f) => ({ ...f, kind: kind === 'all' ? undefined : kind }))}
            options={[
              { value: 'all', label: t('units.kindAll') },
              ...unitKinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) })),
            ]}
            style={{ width: 160 }}
          />
          <OrgTreeSelect
            allowClear
            aria-label={t('units.col.parent')}
            placeholder={t('units.col.parent')}
            value={filters.orgId}
            onChange={(orgId) => setFilters((f) => ({ ...f, orgId }))}
            style={{ width: 220 }}
          />
          <Select<Status>
            aria-label={t('units.col.status')}
            value={status}
            onChange={(s) => setFilters((f) => ({ ...f, active: s === 'all' ? undefined : s === 'active' }))}
            options={[
              { value: 'all', label: t('units.statusAll') },
              { value: 'active', label: t('units.active') },
              { value: 'inactive', label: t('units.inactive') },
            ]}
            style={{ width: 150 }}
          />
        </Flex>
        <PagedTable<OrgView> list={list} columns={columns} emptyText={t('units.empty')} scrollX={1000} />
      </Card>
      <OrgFormModal
        open={editing !== null}
        org={editing && editing !== 'new' ? editing : undefined}
        kind="department"
        kinds={editing && editing !== 'new' ? undefined : unitKinds}
        onClose={() => setEditing(null)}
        onSaved={() => void queryClient.invalidateQueries({ queryKey: ['orgs', 'units'] })}
      />
    </>
  );
}
