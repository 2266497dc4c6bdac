import type { OrgView } from '../../app/contracts.js';

export interface OrgNode {
  org: OrgView;
  children: OrgNode[];
}

/**
 * The forest of organisations: the API lists them in tree order, scoped to the user's subtrees,
 * so a node whose parent is not in the list is a root of what this user may see.
 */
export function buildOrgTree(items: readonly OrgView[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>();
  for (const org of items) nodes.set(org.id, { org, children: [] });
  const roots: OrgNode[] = [];
  for (const org of items) {
    const node = nodes.get(org.id)!;
    const parent = org.parentId === null ? undefined : nodes.get(org.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Keeps the nodes whose name contains `text`, with their ancestors; all nodes when `text` is empty. */
export function filterOrgTree(nodes: readonly OrgNode[], text: string): OrgNode[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...nodes];
  const out: OrgNode[] = [];
  for (const node of nodes) {
    const children = filterOrgTree(node.children, needle);
    const hit =
      node.org.name.toLowerCase().includes(needle) || (node.org.regionName ?? '').toLowerCase().includes(needle);
    if (hit || children.length)
      out.push({ org: node.org, children: hit && !children.length ? node.children : children });
  }
  return out;
}
