import { Alert, Button, Card, Col, Descriptions, Flex, Form, Input, Radio, Row, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { usePreview, useTemplates, type MessageType } from '../api.js';
import { useMessageTypes } from '../use-message-types.js';

/** Sample values that read like the real thing. */
const samples: Record<string, string> = {
  receiptCode: 'BL-20261124-0007',
  title: '海景路路灯不亮',
  deadline: '2026-12-15',
  level: 'supervision',
  stationName: '新碶街道海景社区代表联络室',
  date: '2026-12-02 09:00',
  code: '123456',
  minutes: '5',
  time: '09:00–11:30',
  newDate: '2026-12-09 09:00',
  reason: '场地临时调整',
  dueBy: '2026-12-31',
  cancelUrl: 'https://example.gov.cn/p/a/abc',
};

/** /console/notifications/templates: each message type filled with sample values, as each channel sends it. */
export function TemplatesPage() {
  const t = useT();
  const templates = useTemplates();
  const preview = usePreview();
  const messageTypes = useMessageTypes();
  const [type, setType] = useState<MessageType>('opinion.receipt');
  const [lang, setLang] = useState<'zh-CN' | 'en'>('zh-CN');
  const [vars, setVars] = useState<Record<string, string>>({});
  const info = templates.data?.items.find((i) => i.type === type);
  const { mutate } = preview;
  const settled = useDebounced(vars, 250);

  // Preview again whenever the type, the language or a value (once typing pauses) changes.
  useEffect(() => {
    if (!info) return;
    const filled = Object.fromEntries(info.vars.map((v) => [v, settled[v] ?? samples[v] ?? '']));
    mutate({ type, lang, vars: filled });
  }, [info, type, lang, settled, mutate]);

  const p = preview.data;
  return (
    <>
      <PageTitle>{t('notify.tpl.title')}</PageTitle>
      {templates.isError ? <ErrorAlert error={templates.error} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card>
            {templates.data ? (
              <Typography.Paragraph type="secondary">
                {t('notify.tpl.provider', { sms: templates.data.smsProvider, email: templates.data.emailProvider })}
                <br />
                {templates.data.smsSignName
                  ? t('notify.tpl.sign', { sign: templates.data.smsSignName })
                  : t('notify.tpl.noSign')}
              </Typography.Paragraph>
            ) : null}
            <Form layout="vertical">
              <Form.Item label={t('notify.tpl.type')}>
                <Select<MessageType>
                  value={type}
                  onChange={(v) => {
                    setType(v);
                    setVars({});
                  }}
                  options={messageTypes.types.map((v) => ({ value: v, label: messageTypes.label(v) }))}
                  data-testid="tpl-type"
                />
              </Form.Item>
              <Form.Item label={t('notify.tpl.lang')}>
                <Radio.Group value={lang} onChange={(e) => setLang(e.target.value as 'zh-CN' | 'en')}>
                  <Radio.Button value="zh-CN">中文</Radio.Button>
                  <Radio.Button value="en">English</Radio.Button>
                </Radio.Group>
              </Form.Item>
              {info ? (
                <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
                  <Descriptions.Item label={t('notify.tpl.audience')}>
                    {t(info.audience === 'staff' ? 'notify.tpl.audience.staff' : 'notify.tpl.audience.constituent')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('notify.tpl.templateId')}>
                    {info.smsTemplateId ?? t('notify.tpl.noTemplateId')}
                  </Descriptions.Item>
                </Descriptions>
              ) : null}
              <Typography.Text strong>{t('notify.tpl.vars')}</Typography.Text>
              {info?.vars.map((v) => (
                <Form.Item key={v} label={<code>{`{${v}}`}</code>} style={{ marginTop: 8, marginBottom: 8 }}>
                  <Input
                    value={vars[v] ?? samples[v] ?? ''}
                    maxLength={200}
                    onChange={(e) => setVars((old) => ({ ...old, [v]: e.target.value }))}
                    data-testid={`tpl-var-${v}`}
                  />
                </Form.Item>
              ))}
              <Button onClick={() => setVars({})}>{t('common.reset')}</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Flex vertical gap={16}>
            {preview.isError ? <ErrorAlert error={preview.error} /> : null}
            {p?.missingVars.length ? (
              <Alert type="warning" showIcon title={t('notify.tpl.missing', { vars: p.missingVars.join(', ') })} />
            ) : null}
            <Card title={t('notify.tpl.sms')} extra={p ? t('notify.tpl.smsLength', { n: p.smsLength }) : null}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="tpl-sms">
                {p?.sms}
              </Typography.Paragraph>
            </Card>
            <Card title={t('notify.tpl.email')}>
              <Typography.Text strong>{p?.email.subject}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>
                {p?.email.text}
              </Typography.Paragraph>
            </Card>
            <Card title={t('notify.tpl.inApp')}>
              <Typography.Text strong>{p?.inApp.title}</Typography.Text>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>
                {p?.inApp.body}
              </Typography.Paragraph>
            </Card>
          </Flex>
        </Col>
      </Row>
    </>
  );
}
