import { TreeSelect } from 'antd';
import { useMemo, useState, type CSSProperties } from 'react';
import { useT } from '../../../app/i18n.js';
import { useOrgs } from '../api.js';
import { buildOrgTree, type OrgNode } from '../org-tree.js';

interface TreeOption {
  value: number;
  title: string;
  children: TreeOption[];
}

function toOptions(nodes: readonly OrgNode[]): TreeOption[] {
  return nodes.map((n) => ({ value: n.org.id, title: n.org.name, children: toOptions(n.children) }));
}

interface OrgTreeSelectProps {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
}

/**
 * Choosing one organisation from the tree the user may see (works inside an antd Form.Item).
 *
 * The expansion is held here rather than left to the tree: every node is open until the user
 * closes one, and a search opens them all again. (Left to the tree, a search typed before the
 * organisations had arrived kept the matches folded away under their parents: the tree computes
 * its search expansion once per search text, from whatever data it had at that moment.)
 */
export function OrgTreeSelect({ id, value, onChange, placeholder, allowClear, style, ...aria }: OrgTreeSelectProps) {
  const t = useT();
  const orgs = useOrgs();
  const treeData = useMemo(() => toOptions(buildOrgTree(orgs.data ?? [])), [orgs.data]);
  const allKeys = useMemo(() => (orgs.data ?? []).map((o) => o.id), [orgs.data]);
  const [expanded, setExpanded] = useState<(string | number)[] | null>(null);
  return (
    <TreeSelect<number>
      id={id}
      aria-label={aria['aria-label']}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={treeData}
      loading={orgs.isPending}
      placeholder={placeholder ?? t('orgs.select')}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title', onSearch: () => setExpanded(null) }}
      treeExpandedKeys={expanded ?? allKeys}
      onTreeExpand={(keys) => setExpanded(keys.map((k) => (typeof k === 'bigint' ? String(k) : k)))}
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}
