import { App, Button, Flex, Form, Input, Modal, Switch } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../../app/api-error.js';
import type { GroupView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { useCreateGroup, useUpdateGroup } from '../api.js';

interface GroupValues {
  orgId?: number;
  name: string;
  active: boolean;
}

/** Forms a group (no `group`) or edits one; form "group", so fields are #group_name, #group_orgId … */
export function GroupFormModal({
  open,
  group,
  onClose,
  onSaved,
}: {
  open: boolean;
  group?: GroupView;
  onClose: () => void;
  onSaved?: (group: GroupView) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<GroupValues>();
  const create = useCreateGroup();
  const update = useUpdateGroup();
  const mutation = group ? update : create;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form, group]);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };
  const done = (saved: GroupView) => {
    void message.success(t(group ? 'groups.saved' : 'groups.created'));
    close();
    onSaved?.(saved);
  };
  const submit = (v: GroupValues) => {
    const onError = (e: Error) => applyFieldErrors(form, e, ['orgId', 'name', 'active']);
    const body = { orgId: v.orgId ?? 0, name: v.name.trim(), active: v.active };
    if (group) update.mutate({ id: group.id, patch: body }, { onSuccess: done, onError });
    else create.mutate(body, { onSuccess: done, onError });
  };
  const fieldErrorsShown = mutation.error instanceof ApiError && mutation.error.fields.length > 0;

  return (
    <Modal
      open={open}
      title={group ? t('groups.editTitle') : t('groups.create')}
      onCancel={close}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<GroupValues>
        form={form}
        name="group"
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={group ? { orgId: group.orgId, name: group.name, active: group.active } : { active: true }}
      >
        {mutation.error && !fieldErrorsShown ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={mutation.error} />
          </div>
        ) : null}
        <Form.Item
          name="orgId"
          label={t('groups.field.org')}
          extra={t('groups.field.orgHelp')}
          rules={[{ required: true, message: t('groups.orgRequired') }]}
        >
          <OrgTreeSelect />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('groups.field.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        {group ? (
          <Form.Item name="active" label={t('groups.field.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="group-submit">
            {group ? t('stations.submitSave') : t('stations.submitCreate')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
