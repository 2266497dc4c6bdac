import {
  Alert,
  Button,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Typography,
  type FormInstance,
} from 'antd';
import type { ActionValues } from '../action-body.js';
import type { OpinionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useCategories, useHints } from '../api.js';
import { AssignableUnitSelect } from './AssignableUnitSelect.js';
import { SignOffScan } from './SignOffScan.js';

/**
 * 交办: the lead unit (the units the category names and that handled it before are offered), the
 * co-units, the deadline in working days (empty: the category's default), and the sign-off.
 */
export function AssignFields({ opinion, form }: { opinion: OpinionView; form: FormInstance<ActionValues> }) {
  const t = useT();
  const hints = useHints({ orgId: opinion.orgId, text: opinion.content, categoryId: opinion.categoryId ?? undefined });
  const categories = useCategories();
  const suggested = hints.data?.units ?? [];
  const lead = Form.useWatch('leadUnitId', form);
  const head = useCan()('opinion.signOff');
  const signOff = Form.useWatch('signOff', form) ?? (head ? 'self' : 'online');
  const category = categories.data?.find((c) => c.id === opinion.categoryId);
  const defaultDays = category?.defaultDeadlineDays ?? (opinion.urgency === 'urgent' ? 5 : 15);
  const required = { required: true, message: t('opinions.form.required') };

  return (
    <>
      {opinion.tier === 'district' || opinion.tier === 'higher' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="tier-route"
          title={t(opinion.tier === 'district' ? 'opinions.form.routeDistrict' : 'opinions.form.routeHigher')}
        />
      ) : null}
      <Form.Item
        name="leadUnitId"
        label={t('opinions.form.leadUnit')}
        rules={[required]}
        style={suggested.length ? { marginBottom: 8 } : undefined}
      >
        <AssignableUnitSelect<number | undefined> opinion={opinion} />
      </Form.Item>
      {suggested.length ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }} data-testid="suggested-units">
          <Typography.Text type="secondary">{t('opinions.form.suggestedUnits')}</Typography.Text>
          {suggested.map((u) => (
            <Button
              key={u.id}
              size="small"
              type={lead === u.id ? 'primary' : 'default'}
              onClick={() => form.setFieldValue('leadUnitId', u.id)}
            >
              {u.name} ·{' '}
              {u.reason === 'category' ? t('opinions.form.unitByCategory') : t('opinions.form.unitByHistory')}
            </Button>
          ))}
        </Flex>
      ) : null}
      <Form.Item name="coUnitIds" label={t('opinions.form.coUnits')}>
        <AssignableUnitSelect<number[]> multiple opinion={opinion} exclude={lead ? [lead] : []} />
      </Form.Item>
      <Form.Item
        name="deadlineDays"
        label={t('opinions.form.deadlineDays')}
        extra={t('opinions.form.deadlineDaysHelp')}
      >
        <InputNumber
          min={1}
          max={90}
          precision={0}
          placeholder={t('opinions.form.deadlineDaysPlaceholder', { days: defaultDays })}
          style={{ width: 200 }}
        />
      </Form.Item>
      <Form.Item
        name="signOff"
        label={t('opinions.form.signOff')}
        initialValue={head ? 'self' : 'online'}
        rules={[required]}
      >
        <Radio.Group
          optionType="button"
          options={(head ? (['self', 'paper'] as const) : (['online', 'paper'] as const)).map((v) => ({
            value: v,
            label: t(`opinions.form.signOff.${v}`),
          }))}
        />
      </Form.Item>
      {signOff === 'online' ? (
        <Typography.Paragraph type="secondary" data-testid="sign-off-online-help">
          {t('opinions.form.signOffOnlineHelp')}
        </Typography.Paragraph>
      ) : null}
      {signOff === 'self' ? (
        <Typography.Paragraph type="secondary">{t('opinions.form.signOffSelfHelp')}</Typography.Paragraph>
      ) : null}
      {signOff === 'paper' ? (
        <>
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item
                name="signedBy"
                label={t('opinions.form.signedBy')}
                extra={t('opinions.form.signedByHelp')}
                rules={[{ ...required, whitespace: true }]}
              >
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="signedAt" label={t('opinions.form.signedAt')} extra={t('opinions.form.signedAtHelp')}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  disabledDate={(d) => d.isAfter(new Date(), 'day')}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="signOffFileId"
            label={t('opinions.form.signOffScan')}
            rules={[{ required: true, message: t('opinions.form.signOffScanRequired') }]}
          >
            <SignOffScan opinionId={opinion.id} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="note" label={t('opinions.form.note')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}
