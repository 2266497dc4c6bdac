import { Button, Flex, Form, Input, Modal } from 'antd';
import { ApiError } from '../../../app/api-error.js';
import type { CreatedUser } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { useCreateUser } from '../api.js';

interface CreateValues {
  username: string;
  displayName: string;
  orgId: number;
}

const fields = ['username', 'displayName', 'orgId'] as const;

/** New staff user (form "createUser"); the answer carries the one-time password. */
export function CreateUserModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (created: CreatedUser) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateUser();

  const close = () => {
    create.reset();
    form.resetFields();
    onClose();
  };

  const submit = (values: CreateValues) =>
    create.mutate(
      { username: values.username.trim().toLowerCase(), displayName: values.displayName.trim(), orgId: values.orgId },
      {
        onSuccess: (created) => {
          create.reset();
          form.resetFields();
          onCreated(created);
        },
        onError: (error) => applyFieldErrors(form, error, fields),
      },
    );

  const fieldErrorsShown = create.error instanceof ApiError && create.error.fields.length > 0;

  return (
    <Modal
      open={open}
      title={t('create.title')}
      onCancel={close}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<CreateValues> form={form} name="createUser" layout="vertical" onFinish={submit} requiredMark={false}>
        {create.error && !fieldErrorsShown ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={create.error} />
          </div>
        ) : null}
        <Form.Item
          name="username"
          label={t('create.username')}
          extra={t('create.usernameHelp')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: /^\s*[a-zA-Z0-9][a-zA-Z0-9._-]{2,63}\s*$/, message: t('create.usernameInvalid') },
          ]}
        >
          <Input autoComplete="off" autoCapitalize="none" spellCheck={false} autoFocus />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('create.displayName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 50 }]}
        >
          <Input autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item name="orgId" label={t('create.org')} rules={[{ required: true, message: t('users.orgRequired') }]}>
          <OrgTreeSelect />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {t('create.submit')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
