import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Typography, type FormInstance } from 'antd';
import type { ActionValues } from '../action-body.js';
import type { OpinionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { useCategories, useHints } from '../api.js';
import { UnitMultiSelect } from './UnitMultiSelect.js';
import { UnitSelect } from './UnitSelect.js';

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
  const category = categories.data?.find((c) => c.id === opinion.categoryId);
  const defaultDays = category?.defaultDeadlineDays ?? (opinion.urgency === 'urgent' ? 5 : 15);
  const required = { required: true, message: t('opinions.form.required') };

  return (
    <>
      <Form.Item
        name="leadUnitId"
        label={t('opinions.form.leadUnit')}
        rules={[required]}
        style={suggested.length ? { marginBottom: 8 } : undefined}
      >
        <UnitSelect extra={suggested} placeholder=" " />
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
        <UnitMultiSelect extra={suggested} exclude={lead ? [lead] : []} />
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
      <Form.Item name="note" label={t('opinions.form.note')}>
        <Input.TextArea maxLength={1000} autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
    </>
  );
}
