import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type CSSProperties } from 'react';
import type { RegionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { childrenQuery, fetchChildren, useRegionsByCode } from '../api.js';

interface TreeNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
}

const nodeOf = (r: RegionView, root: boolean): TreeNode => ({
  id: r.code,
  pId: root ? null : r.parentCode,
  value: r.code,
  title: r.name,
  isLeaf: !r.hasChildren,
});

type Props = {
  id?: string;
  /** Start the tree at this node (e.g. the street of the station's committee); the top of the tree without it. */
  rootCode?: string | null;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
} & (
  | { multiple: true; value?: string[]; onChange?: (value: string[]) => void }
  | { multiple?: false; value?: string | null; onChange?: (value: string | null) => void }
);

/** Picks one or several regions from the division tree, loading each level as it is opened. */
export function RegionTreeSelect(props: Props) {
  const t = useT();
  const { id, rootCode, placeholder, style } = props;
  const top = useQuery(childrenQuery(rootCode));
  // Levels opened so far, for the root they were opened under.
  const [opened, setOpened] = useState<{ root: string | null; nodes: TreeNode[] }>({ root: null, nodes: [] });
  const values = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];

  const nodes = useMemo(() => {
    const all = new Map<string, TreeNode>();
    for (const r of top.data ?? []) all.set(r.code, nodeOf(r, true));
    if (opened.root === (rootCode ?? null)) for (const n of opened.nodes) if (!all.has(n.id)) all.set(n.id, n);
    return all;
  }, [top.data, opened, rootCode]);
  const missing = values.filter((v) => !nodes.has(v));
  const labels = useRegionsByCode(missing);
  // Chosen regions outside what is loaded yet still show their names (as roots until their level opens).
  const treeData = [
    ...nodes.values(),
    ...(labels.data ?? []).filter((r) => !nodes.has(r.code)).map((r) => nodeOf(r, true)),
  ];

  const loadData = async (node: { value?: string | number }) => {
    const children = await fetchChildren(String(node.value));
    const root = rootCode ?? null;
    setOpened((prev) => ({
      root,
      nodes: [...(prev.root === root ? prev.nodes : []), ...children.map((r) => nodeOf(r, false))],
    }));
  };

  const common = {
    id,
    'aria-label': props['aria-label'],
    treeDataSimpleMode: { id: 'id', pId: 'pId' },
    treeData,
    loadData,
    placeholder: placeholder ?? t('regions.select'),
    showSearch: { treeNodeFilterProp: 'title' as const },
    allowClear: true,
    popupMatchSelectWidth: false,
    style,
  };
  if (props.multiple) {
    return (
      <TreeSelect<string[]>
        {...common}
        multiple
        value={props.value ?? []}
        onChange={(next) => props.onChange?.(next ?? [])}
      />
    );
  }
  return (
    <TreeSelect<string>
      {...common}
      value={props.value ?? undefined}
      onChange={(next) => props.onChange?.(next ?? null)}
    />
  );
}
