import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { UserStatus, UserView } from '../../../app/contracts.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { roleLabel } from '../../../app/labels.js';
import { PagedTable } from '../../../app/PagedTable.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCan } from '../../../app/session.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { useUserList, type UserFilters } from '../api.js';
import { CreateUserModal } from './CreateUserModal.js';
import { TemporaryPasswordModal, type IssuedPassword } from './TemporaryPasswordModal.js';
import { UserDrawer } from './UserDrawer.js';
import { UserStatusTags } from './UserStatusTags.js';

/** /console/users: search the staff in scope, open one to act on it, create new ones. */
export function UsersPage() {
  const t = useT();
  const { lang } = usePrefs();
  const can = useCan();
  const [filters, setFilters] = useState<UserFilters>({});
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const list = useUserList(filters);

  const columns: TableColumnsType<UserView> = [
    {
      key: 'username',
      title: t('users.col.username'),
      render: (_, user) => (
        <Button
          type="link"
          style={{ paddingInline: 0, height: 'auto' }}
          onClick={(e) => {
            e.stopPropagation();
            setSelected(user.id);
          }}
        >
          {user.username}
        </Button>
      ),
    },
    { key: 'displayName', title: t('users.col.displayName'), dataIndex: 'displayName' },
    { key: 'org', title: t('users.col.org'), dataIndex: 'orgName' },
    {
      key: 'roles',
      title: t('users.col.roles'),
      render: (_, user) => (
        <Flex gap={4} wrap>
          {user.roles.map((r) => (
            <Tag key={r.id} style={{ marginInlineEnd: 0 }} title={r.orgName}>
              {roleLabel(r.role, lang)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    { key: 'status', title: t('users.col.status'), render: (_, user) => <UserStatusTags user={user} /> },
    {
      key: 'lastLogin',
      title: t('users.col.lastLogin'),
      render: (_, user) =>
        user.lastLoginAt ? (
          formatDateTime(user.lastLoginAt, lang)
        ) : (
          <Typography.Text type="secondary">{t('users.never')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          can('user.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-user">
              {t('users.create')}
            </Button>
          ) : null
        }
      >
        {t('users.title')}
      </PageTitle>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search">
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            aria-label={t('users.searchPlaceholder')}
            enterButton={t('common.search')}
            maxLength={50}
            onSearch={(q) => setFilters((f) => ({ ...f, q: q.trim() || undefined }))}
            style={{ width: 320 }}
          />
          <OrgTreeSelect
            allowClear
            aria-label={t('users.orgFilter')}
            placeholder={t('users.orgFilter')}
            value={filters.orgId}
            onChange={(orgId) => setFilters((f) => ({ ...f, orgId }))}
            style={{ width: 260 }}
          />
          <Select<UserStatus | 'all'>
            aria-label={t('users.statusFilter')}
            value={filters.status ?? 'all'}
            onChange={(status) => setFilters((f) => ({ ...f, status: status === 'all' ? undefined : status }))}
            options={[
              { value: 'all', label: t('users.statusAll') },
              { value: 'active', label: t('users.status.active') },
              { value: 'disabled', label: t('users.status.disabled') },
            ]}
            style={{ width: 160 }}
          />
        </Flex>
        <PagedTable<UserView>
          list={list}
          columns={columns}
          scrollX={880}
          emptyText={t('users.empty')}
          onRow={(user) => ({ onClick: () => setSelected(user.id), style: { cursor: 'pointer' } })}
        />
      </Card>
      <UserDrawer userId={selected} onClose={() => setSelected(null)} onIssued={setIssued} />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setIssued({
            displayName: created.user.displayName,
            username: created.user.username,
            password: created.temporaryPassword,
          });
          setSelected(created.user.id);
        }}
      />
      <TemporaryPasswordModal issued={issued} onClose={() => setIssued(null)} />
    </>
  );
}
