import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCategories } from '../api.js';
import { categoryOptions } from '../category-tree.js';

interface CategoryTreeSelectProps {
  id?: string;
  value?: number | null;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** Choosing a category from the two-level tree, searchable (works inside an antd Form.Item). */
export function CategoryTreeSelect({
  id,
  value,
  onChange,
  placeholder,
  allowClear,
  style,
  ...rest
}: CategoryTreeSelectProps) {
  const t = useT();
  const { lang } = usePrefs();
  const categories = useCategories();
  const treeData = useMemo(
    () => categoryOptions(categories.data ?? [], lang, value ?? undefined),
    [categories.data, lang, value],
  );
  return (
    <TreeSelect<number>
      id={id}
      aria-label={rest['aria-label']}
      data-testid={rest['data-testid']}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? undefined)}
      treeData={treeData}
      treeNodeLabelProp="path"
      loading={categories.isPending}
      placeholder={placeholder ?? t('opinions.filter.category')}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'path' }}
      treeDefaultExpandAll
      popupMatchSelectWidth={false}
      style={style}
    />
  );
}
