import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { CategoryView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCategories, useHandlingUnits, useUpdateCategory } from '../api.js';
import { buildCategoryTree, categoryName, type CategoryNode } from '../category-tree.js';
import { CategoryFormModal, type CategoryEdit } from './CategoryFormModal.js';

interface CategoryRow extends CategoryView {
  children?: CategoryRow[];
}

function toRows(nodes: CategoryNode[]): CategoryRow[] {
  return nodes.map((n) => ({ ...n.category, children: n.children.length ? toRows(n.children) : undefined }));
}

/** /console/opinions/categories (administrators): the two-level category tree with default unit and deadline. */
export function CategoriesPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const categories = useCategories();
  const units = useHandlingUnits();
  const update = useUpdateCategory();
  const [edit, setEdit] = useState<CategoryEdit | null>(null);
  // Every branch open unless the user folds it (the data arrives after the table is drawn).
  const [folded, setFolded] = useState<readonly number[]>([]);
  const rows = useMemo(() => toRows(buildCategoryTree(categories.data ?? [])), [categories.data]);
  const unitName = (id: number | null) =>
    id === null ? '—' : (units.data?.find((u) => u.id === id)?.name ?? `#${id}`);

  const setActive = (c: CategoryView, active: boolean) =>
    update.mutate({ id: c.id, patch: { active } }, { onError: (error) => void message.error(errorMessage(error, t)) });

  const columns: TableColumnsType<CategoryRow> = [
    {
      key: 'name',
      title: t('opinions.cat.col.name'),
      width: 260,
      render: (_, c) => (
        <Flex vertical gap={2}>
          <Flex gap={8} align="center" wrap>
            <Typography.Text strong={c.parentId === null} delete={!c.active}>
              {categoryName(c, lang)}
            </Typography.Text>
            {c.active ? null : <Tag style={{ marginInlineEnd: 0 }}>{t('opinions.cat.inactive')}</Tag>}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {lang === 'en' ? c.name : c.nameEn} · <code>{c.code}</code>
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'keywords',
      title: t('opinions.cat.col.keywords'),
      render: (_, c) => (c.keywords.length ? c.keywords.join('、') : '—'),
    },
    { key: 'unit', title: t('opinions.cat.col.unit'), width: 150, render: (_, c) => unitName(c.defaultUnitId) },
    {
      key: 'deadline',
      title: t('opinions.cat.col.deadline'),
      width: 100,
      render: (_, c) => (c.defaultDeadlineDays ? t('opinions.cat.days', { n: c.defaultDeadlineDays }) : '—'),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 200,
      render: (_, c) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            onClick={() => setEdit({ kind: 'edit', category: c })}
            data-testid={`edit-category-${c.code}`}
          >
            {t('opinions.cat.edit')}
          </Button>
          {c.parentId === null ? (
            <Button size="small" onClick={() => setEdit({ kind: 'new', parentId: c.id })}>
              {t('opinions.cat.addChild')}
            </Button>
          ) : null}
          <Button
            size="small"
            danger={c.active}
            onClick={() => setActive(c, !c.active)}
            loading={update.isPending && update.variables?.id === c.id}
          >
            {c.active ? t('opinions.cat.deactivate') : t('opinions.cat.activate')}
          </Button>
        </Flex>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEdit({ kind: 'new', parentId: null })}
            data-testid="add-category"
          >
            {t('opinions.cat.add')}
          </Button>
        }
      >
        {t('opinions.cat.title')}
      </PageTitle>
      <Card>
        {categories.isError ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={categories.error} />
          </div>
        ) : null}
        <Table<CategoryRow>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={categories.isPending}
          pagination={false}
          expandable={{
            expandedRowKeys: rows.filter((r) => r.children && !folded.includes(r.id)).map((r) => r.id),
            onExpand: (open, r) => setFolded((f) => (open ? f.filter((id) => id !== r.id) : [...f, r.id])),
          }}
          scroll={{ x: 900 }}
        />
      </Card>
      <CategoryFormModal edit={edit} onClose={() => setEdit(null)} />
    </>
  );
}
