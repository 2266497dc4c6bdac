import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Skeleton, Switch, Tree, Typography } from 'antd';
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { OrgView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan, useMe } from '../../../app/session.js';
import { manageable, useOrgs } from '../api.js';
import { buildOrgTree, filterOrgTree, type OrgNode } from '../org-tree.js';
import { OrgFormModal } from './OrgFormModal.js';
import { OrgTitle } from './OrgTitle.js';

interface TreeItem {
  key: number;
  title: ReactNode;
  children: TreeItem[];
}

function allKeys(nodes: readonly TreeItem[]): number[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children)]);
}

type Editing = { org?: OrgView; parentId?: number } | null;

/** /console/orgs: the organisation tree in scope; officers add bodies below theirs, edit and deactivate them. */
export function OrgsPage() {
  const t = useT();
  const can = useCan();
  const me = useMe();
  const orgs = useOrgs();
  const inactiveLabel = useId();
  const [search, setSearch] = useState('');
  const [showInactive, setShowInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const mayManage = can('org.manage');
  const byId = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o])), [orgs.data]);
  const roleOrgIds = useMemo(() => me.roles.map((r) => r.orgId), [me.roles]);

  const items = useMemo(() => {
    const shown = (orgs.data ?? []).filter((o) => showInactive || o.active);
    const toItems = (nodes: readonly OrgNode[]): TreeItem[] =>
      nodes.map((n) => ({
        key: n.org.id,
        title: (
          <Flex align="center" gap={8} wrap data-testid={`org-${n.org.id}`}>
            <OrgTitle org={n.org} />
            {mayManage && n.org.kind !== 'station' && n.org.active ? (
              <Button
                size="small"
                type="link"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ parentId: n.org.id })}
                data-testid={`org-add-below-${n.org.id}`}
              >
                {t('orgs.createBelow')}
              </Button>
            ) : null}
            {mayManage && n.org.kind !== 'station' && manageable(n.org, byId, roleOrgIds) ? (
              <Button
                size="small"
                type="link"
                icon={<EditOutlined />}
                onClick={() => setEditing({ org: n.org })}
                data-testid={`org-edit-${n.org.id}`}
              >
                {t('orgs.edit')}
              </Button>
            ) : null}
          </Flex>
        ),
        children: toItems(n.children),
      }));
    return toItems(filterOrgTree(buildOrgTree(shown), search));
  }, [orgs.data, showInactive, search, mayManage, byId, roleOrgIds, t]);

  return (
    <>
      <PageTitle
        extra={
          mayManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="create-org">
              {t('orgs.create')}
            </Button>
          ) : null
        }
      >
        {t('orgs.title')}
      </PageTitle>
      <Card>
        <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('orgs.search')}
            aria-label={t('orgs.search')}
            onSearch={setSearch}
            onChange={(e) => setSearch(e.target.value)}
            style={{ maxWidth: 360 }}
          />
          <Flex align="center" gap={6}>
            <Switch aria-labelledby={inactiveLabel} checked={showInactive} onChange={setShowInactive} />
            <span
              id={inactiveLabel}
              onClick={() => setShowInactive(!showInactive)}
              style={{ cursor: 'pointer', userSelect: 'none' }}
            >
              {t('orgs.showInactive')}
            </span>
          </Flex>
        </Flex>
        {orgs.isPending ? <Skeleton active /> : null}
        {orgs.isError ? <ErrorAlert error={orgs.error} /> : null}
        {orgs.data ? (
          <>
            <Typography.Paragraph type="secondary">{t('orgs.count', { n: orgs.data.length })}</Typography.Paragraph>
            {items.length ? (
              <Tree<TreeItem>
                key={`${search}|${showInactive}`}
                treeData={items}
                defaultExpandedKeys={allKeys(items)}
                showLine
                selectable={false}
                blockNode
              />
            ) : (
              <Empty description={t('orgs.empty')} />
            )}
          </>
        ) : null}
      </Card>
      <OrgFormModal
        open={editing !== null}
        org={editing?.org}
        parentId={editing?.parentId}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
