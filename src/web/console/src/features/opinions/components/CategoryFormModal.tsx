import { App, Button, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Switch } from 'antd';
import { useEffect, useState } from 'react';
import type { CategoryInput, CategoryView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCategories, useCreateCategory, useUpdateCategory } from '../api.js';
import { categoryName } from '../category-tree.js';
import { showFieldErrors } from '../form-errors.js';
import { UnitSelect } from './UnitSelect.js';

interface CategoryValues {
  parentId?: number | null;
  code: string;
  name: string;
  nameEn: string;
  keywords: string[];
  defaultUnitId?: number | null;
  defaultDeadlineDays?: number | null;
  active: boolean;
}

const fields = ['parentId', 'code', 'name', 'nameEn', 'keywords', 'defaultUnitId', 'defaultDeadlineDays', 'active'];

/** What the modal is for: a new category (under `parentId`, or top-level) or an existing one. */
export type CategoryEdit = { kind: 'new'; parentId: number | null } | { kind: 'edit'; category: CategoryView };

/** Adds or edits a category (form "category": #category_code, #category_name …). */
export function CategoryFormModal({ edit, onClose }: { edit: CategoryEdit | null; onClose: () => void }) {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryValues>();
  const categories = useCategories();
  const create = useCreateCategory();
  const update = useUpdateCategory();
  const mutation = edit?.kind === 'edit' ? update : create;
  const [onFields, setOnFields] = useState(false);

  useEffect(() => {
    if (edit) form.resetFields();
  }, [edit, form]);

  const close = () => {
    create.reset();
    update.reset();
    setOnFields(false);
    onClose();
  };

  const initial: Partial<CategoryValues> =
    edit?.kind === 'edit'
      ? {
          parentId: edit.category.parentId,
          code: edit.category.code,
          name: edit.category.name,
          nameEn: edit.category.nameEn,
          keywords: edit.category.keywords,
          defaultUnitId: edit.category.defaultUnitId,
          defaultDeadlineDays: edit.category.defaultDeadlineDays,
          active: edit.category.active,
        }
      : { parentId: edit?.parentId ?? null, keywords: [], active: true };

  const submit = (v: CategoryValues) => {
    const body: CategoryInput = {
      parentId: v.parentId ?? null,
      code: v.code.trim(),
      name: v.name.trim(),
      nameEn: v.nameEn.trim(),
      keywords: (v.keywords ?? []).map((k) => k.trim()).filter(Boolean),
      defaultUnitId: v.defaultUnitId ?? null,
      defaultDeadlineDays: v.defaultDeadlineDays ?? null,
      active: v.active,
    };
    const onError = (error: Error) => setOnFields(showFieldErrors(form, error, fields));
    const onSuccess = () => {
      void message.success(t(edit?.kind === 'edit' ? 'opinions.cat.saved' : 'opinions.cat.created'));
      close();
    };
    setOnFields(false);
    if (edit?.kind === 'edit') update.mutate({ id: edit.category.id, patch: body }, { onSuccess, onError });
    else create.mutate(body, { onSuccess, onError });
  };

  // Two levels: a parent is a top-level category, and a category with children stays top-level.
  const hasChildren = edit?.kind === 'edit' && (categories.data ?? []).some((c) => c.parentId === edit.category.id);
  const parents = (categories.data ?? []).filter(
    (c) => c.parentId === null && !(edit?.kind === 'edit' && c.id === edit.category.id),
  );
  const required = { required: true, whitespace: true, message: t('opinions.form.required') };

  return (
    <Modal
      open={edit !== null}
      title={
        edit?.kind === 'edit'
          ? t('opinions.cat.editTitle')
          : edit?.parentId
            ? t('opinions.cat.addChild')
            : t('opinions.cat.add')
      }
      onCancel={close}
      footer={null}
      width={640}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<CategoryValues>
        form={form}
        name="category"
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={initial}
      >
        {mutation.error && !onFields ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={mutation.error} />
          </div>
        ) : null}
        <Form.Item name="parentId" label={t('opinions.cat.field.parent')}>
          <Select<number | null>
            disabled={hasChildren}
            options={[
              { value: null, label: t('opinions.cat.top') },
              ...parents.map((c) => ({ value: c.id, label: categoryName(c, lang) })),
            ]}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('opinions.cat.field.name')} rules={[required]}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('opinions.cat.field.nameEn')} rules={[required]}>
              <Input maxLength={80} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="code"
          label={t('opinions.cat.field.code')}
          extra={t('opinions.cat.field.codeHelp')}
          rules={[required, { pattern: /^[A-Za-z][A-Za-z0-9.]{0,63}$/, message: t('opinions.cat.field.codeInvalid') }]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="keywords"
          label={t('opinions.cat.field.keywords')}
          extra={t('opinions.cat.field.keywordsHelp')}
        >
          <Select mode="tags" open={false} suffixIcon={null} maxCount={30} tokenSeparators={[',', '，', ' ']} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="defaultUnitId" label={t('opinions.cat.field.unit')}>
              <UnitSelect allowClear placeholder=" " />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="defaultDeadlineDays" label={t('opinions.cat.field.deadline')}>
              <InputNumber min={1} max={90} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="active" label={t('opinions.cat.field.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="category-submit">
            {t('opinions.form.submit')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
