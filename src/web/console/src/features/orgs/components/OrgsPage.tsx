import { Card, Empty, Input, Skeleton, Tree, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useOrgs } from '../api.js';
import { buildOrgTree, filterOrgTree, type OrgNode } from '../org-tree.js';
import { OrgTitle } from './OrgTitle.js';

interface TreeItem {
  key: number;
  title: ReactNode;
  children: TreeItem[];
}

function toTreeItems(nodes: readonly OrgNode[]): TreeItem[] {
  return nodes.map((n) => ({ key: n.org.id, title: <OrgTitle org={n.org} />, children: toTreeItems(n.children) }));
}

function allKeys(nodes: readonly TreeItem[]): number[] {
  return nodes.flatMap((n) => [n.key, ...allKeys(n.children)]);
}

/** /console/orgs: the organisation tree the user may see, with kinds and regions. */
export function OrgsPage() {
  const t = useT();
  const orgs = useOrgs();
  const [search, setSearch] = useState('');
  const forest = useMemo(() => buildOrgTree(orgs.data ?? []), [orgs.data]);
  const items = useMemo(() => toTreeItems(filterOrgTree(forest, search)), [forest, search]);

  return (
    <>
      <PageTitle>{t('orgs.title')}</PageTitle>
      <Card>
        <Input.Search
          allowClear
          placeholder={t('orgs.search')}
          aria-label={t('orgs.search')}
          onSearch={setSearch}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 360, marginBottom: 16 }}
        />
        {orgs.isPending ? <Skeleton active /> : null}
        {orgs.isError ? <ErrorAlert error={orgs.error} /> : null}
        {orgs.data ? (
          <>
            <Typography.Paragraph type="secondary">{t('orgs.count', { n: orgs.data.length })}</Typography.Paragraph>
            {items.length ? (
              <Tree<TreeItem>
                key={search}
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
    </>
  );
}
