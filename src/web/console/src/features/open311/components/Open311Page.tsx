import { KeyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Popconfirm, Tag, Typography } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { useIssueKey, useOpen311Keys, useRevokeKey, type Open311Key } from '../api.js';

/** Keys of the systems that use the Open311 interface: issue (shown once) and revoke. */
export function Open311Page() {
  const t = useT();
  const { lang } = usePrefs();
  const keys = useOpen311Keys();
  const issue = useIssueKey();
  const revoke = useRevokeKey();
  const [open, setOpen] = useState(false);
  const [issued, setIssued] = useState<string | null>(null);
  const [form] = Form.useForm<{ name: string; orgId: number }>();
  const endpoint = `${window.location.origin}/open311/v2/`;

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<KeyOutlined />} onClick={() => setOpen(true)} data-testid="open311-issue">
            {t('open311.issue')}
          </Button>
        }
      >
        {t('open311.title')}
      </PageTitle>
      <Card>
        <Typography.Paragraph>{t('open311.intro')}</Typography.Paragraph>
        <Typography.Paragraph>
          {t('open311.endpoint')}:{' '}
          <Typography.Text code copyable>
            {endpoint}
          </Typography.Text>
        </Typography.Paragraph>
        {keys.error && <ErrorAlert error={keys.error} />}
        <ResponsiveTable<Open311Key>
          rowKey="id"
          loading={keys.isLoading}
          dataSource={keys.data ?? []}
          pagination={false}
          columns={[
            { title: t('open311.name'), dataIndex: 'name' },
            { title: t('open311.org'), dataIndex: 'orgName' },
            { title: t('open311.hint'), dataIndex: 'hint' },
            { title: t('open311.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
            {
              title: t('open311.status'),
              render: (_, k) =>
                k.revokedAt ? <Tag>{t('open311.revoked')}</Tag> : <Tag color="green">{t('open311.active')}</Tag>,
            },
            {
              title: '',
              render: (_, k) =>
                k.revokedAt ? null : (
                  <Popconfirm title={t('open311.revokeConfirm')} onConfirm={() => revoke.mutate(k.id)}>
                    <Button danger size="small" data-testid={`open311-revoke-${k.id}`}>
                      {t('open311.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={open}
        title={t('open311.issue')}
        onCancel={() => setOpen(false)}
        okButtonProps={{ loading: issue.isPending, ...{ 'data-testid': 'open311-issue-submit' } }}
        onOk={() =>
          void form.validateFields().then((values) =>
            issue.mutate(values, {
              onSuccess: (r) => {
                setOpen(false);
                form.resetFields();
                setIssued(r.key);
              },
            }),
          )
        }
      >
        {issue.error && <ErrorAlert error={issue.error} />}
        <Form form={form} layout="vertical" name="open311">
          <Form.Item name="name" label={t('open311.name')} rules={[{ required: true, max: 100 }]}>
            <Input autoFocus />
          </Form.Item>
          <Form.Item name="orgId" label={t('open311.org')} rules={[{ required: true }]}>
            <OrgTreeSelect />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={issued !== null}
        title={t('open311.issued')}
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
      >
        <Alert type="warning" showIcon message={t('open311.issuedText')} style={{ marginBottom: 12 }} />
        <Typography.Text code copyable data-testid="open311-key">
          {issued}
        </Typography.Text>
      </Modal>
    </>
  );
}
