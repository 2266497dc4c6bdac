import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
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

/** Choosing one organisation from the tree the user may see (works inside an antd Form.Item). */
export function OrgTreeSelect({ id, value, onChange, placeholder, allowClear, style, ...aria }: OrgTreeSelectProps) {
  const t = useT();
  const orgs = useOrgs();
  const treeData = useMemo(() => toOptions(buildOrgTree(orgs.data ?? [])), [orgs.data]);
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
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}
