import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, List, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { GroupView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { PagedTable } from '../../../app/PagedTable.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan } from '../../../app/session.js';
import { useMyDuty } from '../../deputies/api.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { useGroupList, type GroupFilters } from '../api.js';
import { GroupDrawer } from './GroupDrawer.js';
import { GroupFormModal } from './GroupFormModal.js';

/** /console/groups: the deputy groups (代表小组) in scope, their leaders and members. */
export function GroupsPage() {
  const t = useT();
  const can = useCan();
  const [filters, setFilters] = useState<GroupFilters>({});
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const list = useGroupList(filters);
  // A deputy first sees the groups they belong to.
  const me = useMyDuty().data?.deputy ?? null;
  const mine = useGroupList({ mine: 'true' }, !!me);

  const columns: TableColumnsType<GroupView> = [
    {
      key: 'name',
      title: t('groups.col.name'),
      render: (_, g) => (
        <Button
          type="link"
          style={{ paddingInline: 0, height: 'auto' }}
          onClick={(e) => {
            e.stopPropagation();
            setSelected(g.id);
          }}
        >
          {g.name}
        </Button>
      ),
    },
    { key: 'org', title: t('groups.col.org'), dataIndex: 'orgName' },
    { key: 'leader', title: t('groups.col.leader'), render: (_, g) => g.leader?.name ?? '—' },
    { key: 'members', title: t('groups.col.members'), align: 'right', render: (_, g) => g.members.length },
    {
      key: 'status',
      title: t('groups.col.status'),
      render: (_, g) => (g.active ? <Tag color="green">{t('groups.active')}</Tag> : <Tag>{t('groups.inactive')}</Tag>),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          can('deputy.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-group">
              {t('groups.create')}
            </Button>
          ) : null
        }
      >
        {t('groups.title')}
      </PageTitle>
      {me ? (
        <Card title={t('groups.mine')} style={{ marginBottom: 16 }} data-testid="my-groups">
          {(mine.data?.pages ?? []).flatMap((p) => p.items).length === 0 && !mine.isPending ? (
            <Typography.Text type="secondary">{t('groups.mineEmpty')}</Typography.Text>
          ) : (
            <List<GroupView>
              size="small"
              loading={mine.isPending}
              dataSource={(mine.data?.pages ?? []).flatMap((p) => p.items)}
              renderItem={(g) => (
                <List.Item key={g.id} style={{ paddingInline: 0 }}>
                  <Flex vertical gap={2}>
                    <Flex gap={8} wrap align="center">
                      <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => setSelected(g.id)}>
                        {g.name}
                      </Button>
                      {g.leader?.deputyId === me.id ? <Tag color="gold">{t('groups.iLead')}</Tag> : null}
                    </Flex>
                    <Typography.Text type="secondary">
                      {g.orgName} · {t('groups.col.leader')} {g.leader?.name ?? '—'} · {t('groups.col.members')}{' '}
                      {g.members.map((m) => m.name).join('、')}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </Card>
      ) : null}
      <Card title={me ? t('groups.all') : undefined}>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            allowClear
            placeholder={t('groups.search')}
            aria-label={t('groups.search')}
            enterButton={t('common.search')}
            maxLength={50}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            style={{ width: 320 }}
          />
          <OrgTreeSelect
            allowClear
            aria-label={t('groups.col.org')}
            placeholder={t('groups.col.org')}
            value={filters.orgId}
            onChange={(orgId) => setFilters((f) => ({ ...f, orgId }))}
            style={{ width: 240 }}
          />
        </Flex>
        <PagedTable<GroupView>
          list={list}
          columns={columns}
          emptyText={t('groups.empty')}
          onRow={(g) => ({ onClick: () => setSelected(g.id), style: { cursor: 'pointer' } })}
        />
      </Card>
      <GroupDrawer groupId={selected} onClose={() => setSelected(null)} />
      <GroupFormModal open={creating} onClose={() => setCreating(false)} onSaved={(g) => setSelected(g.id)} />
    </>
  );
}
