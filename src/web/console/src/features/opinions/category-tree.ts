import type { CategoryView } from '../../app/contracts.js';
import type { Lang } from '../../app/i18n.js';

/** A category's name in the UI language. */
export function categoryName(c: Pick<CategoryView, 'name' | 'nameEn'>, lang: Lang): string {
  return lang === 'en' ? c.nameEn : c.name;
}

export interface CategoryNode {
  category: CategoryView;
  children: CategoryNode[];
}

/** The two-level tree, in the server's order (parents before children). */
export function buildCategoryTree(items: readonly CategoryView[]): CategoryNode[] {
  const nodes = new Map<number, CategoryNode>();
  for (const c of items) nodes.set(c.id, { category: c, children: [] });
  const roots: CategoryNode[] = [];
  for (const c of items) {
    const node = nodes.get(c.id)!;
    const parent = c.parentId === null ? undefined : nodes.get(c.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export interface CategoryOption {
  value: number;
  title: string;
  /** The full path, searched and shown once picked: 城市管理 / 路灯照明. */
  path: string;
  children: CategoryOption[];
}

/** TreeSelect options of the active categories (inactive ones are kept only when `keep` names them). */
export function categoryOptions(items: readonly CategoryView[], lang: Lang, keep?: number): CategoryOption[] {
  const walk = (nodes: CategoryNode[], parent: string | null): CategoryOption[] =>
    nodes
      .filter((n) => n.category.active || n.category.id === keep)
      .map((n) => {
        const name = categoryName(n.category, lang);
        const path = parent ? `${parent} / ${name}` : name;
        return { value: n.category.id, title: name, path, children: walk(n.children, name) };
      });
  return walk(buildCategoryTree(items), null);
}

/** `城市管理 / 路灯照明` for a category id, in the UI language. */
export function categoryPath(items: readonly CategoryView[] | undefined, id: number | null, lang: Lang): string | null {
  if (id === null || !items) return null;
  const c = items.find((x) => x.id === id);
  if (!c) return null;
  const parent = c.parentId === null ? undefined : items.find((x) => x.id === c.parentId);
  return parent ? `${categoryName(parent, lang)} / ${categoryName(c, lang)}` : categoryName(c, lang);
}
