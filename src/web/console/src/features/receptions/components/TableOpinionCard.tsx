import { App as AntApp, Button, Card, Checkbox, Col, Form, Input, Row, Typography } from 'antd';
import { Link } from 'react-router';
import type { ReceptionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import type { TableEntry } from '../hooks/use-table-queue.js';

interface OpinionForm {
  content: string;
  name?: string;
  phone?: string;
  anonymous?: boolean;
}

/** A constituent's opinion registered at the table (into the closed loop), and the receipts of those registered. */
export function TableOpinionCard({
  reception,
  open,
  onAdd,
}: {
  reception: ReceptionView;
  open: boolean;
  onAdd: (entry: TableEntry, label: string) => Promise<void>;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OpinionForm>();
  return (
    <Card size="small" title={t('receptions.table.opinion')} style={{ marginBottom: 12 }}>
      <Form
        form={form}
        layout="vertical"
        disabled={!open}
        onFinish={(v) => {
          const content = v.content.trim();
          const name = v.name?.trim() || null;
          const phone = v.phone?.trim() || null;
          void onAdd(
            {
              kind: 'opinion',
              body: {
                content,
                // Nobody named and no phone: taken as anonymous (the loop needs one or the other).
                constituent: { anonymous: !!v.anonymous || (!name && !phone), name, phone },
              },
            },
            t('receptions.table.opinionOf', { text: content.slice(0, 30) }),
          ).then(() => {
            form.resetFields();
            message.success(t('receptions.table.opinionQueued'));
          });
        }}
      >
        <Form.Item
          name="content"
          label={t('receptions.table.content')}
          rules={[{ required: true, whitespace: true, message: t('receptions.table.contentRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={5000} data-testid="opinion-content" />
        </Form.Item>
        <Row gutter={12}>
          <Col span={10}>
            <Form.Item name="name" label={t('receptions.table.name')}>
              <Input maxLength={50} data-testid="opinion-name" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item
              name="phone"
              label={t('receptions.table.phone')}
              rules={[{ pattern: /^\+?[0-9][0-9 -]{5,18}[0-9]$/, message: t('receptions.table.phoneInvalid') }]}
            >
              <Input maxLength={20} inputMode="tel" data-testid="opinion-phone" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item name="anonymous" valuePropName="checked" label=" ">
              <Checkbox>{t('receptions.table.anonymous')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" data-testid="opinion-submit">
          {t('receptions.table.register')}
        </Button>
      </Form>
      {reception.opinions.length ? (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="registered-opinions">
          {t('receptions.table.registered')}
          {t('common.colon')}
          {reception.opinions.map((o) => (
            <Link key={o.id} to={`/opinions/${o.id}`} style={{ marginInlineEnd: 8 }}>
              {o.receiptCode}
            </Link>
          ))}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
