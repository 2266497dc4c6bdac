import { App, Button, Form, Select } from 'antd';
import { ApiError } from '../../../app/api-error.js';
import type { Role, UserView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { allRoles, roleLabel } from '../../../app/labels.js';
import { usePrefs } from '../../../app/prefs.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { useGrantRole } from '../api.js';

const separated: readonly Role[] = ['admin', 'securityAdmin', 'auditor'];

interface GrantValues {
  role: Role;
  orgId: number;
}

/** Grant a role on an organisation subtree (form "grantRole"). */
export function GrantRoleForm({ user }: { user: UserView }) {
  const t = useT();
  const { lang } = usePrefs();
  const [form] = Form.useForm<GrantValues>();
  const grant = useGrantRole();
  const { message } = App.useApp();

  const submit = (values: GrantValues) =>
    grant.mutate(
      { id: user.id, role: values.role, orgId: values.orgId },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('users.roleGranted'));
        },
        onError: (error) => applyFieldErrors(form, error, ['role', 'orgId']),
      },
    );

  const fieldErrorsShown = grant.error instanceof ApiError && grant.error.fields.length > 0;

  return (
    <Form<GrantValues> form={form} name="grantRole" layout="vertical" onFinish={submit} requiredMark={false}>
      {grant.error && !fieldErrorsShown ? (
        <div style={{ marginBottom: 12 }}>
          <ErrorAlert error={grant.error} />
        </div>
      ) : null}
      <Form.Item name="role" label={t('users.role')} rules={[{ required: true, message: t('users.roleRequired') }]}>
        <Select<Role>
          showSearch
          optionFilterProp="label"
          // The three separated roles (三权分立) last, so that a hurried choice is an ordinary one.
          options={[...allRoles]
            .sort((a, b) => Number(separated.includes(a)) - Number(separated.includes(b)))
            .map((role) => ({ value: role, label: roleLabel(role, lang) }))}
          placeholder={t('users.roleRequired')}
        />
      </Form.Item>
      <Form.Item
        name="orgId"
        label={t('users.roleOrg')}
        initialValue={user.orgId}
        rules={[{ required: true, message: t('users.orgRequired') }]}
      >
        <OrgTreeSelect />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={grant.isPending}>
        {t('users.grant')}
      </Button>
    </Form>
  );
}
