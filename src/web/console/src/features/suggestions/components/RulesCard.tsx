import { App, Button, Card, Col, Form, InputNumber, Row, Skeleton, Switch } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { showFieldErrors } from '../../opinions/form-errors.js';
import { useRules, useSetRules, type SuggestionRules } from '../api.js';

type NumberRule = Exclude<keyof SuggestionRules, 'coSignersRate'>;

/** Every number of the rules with its bounds (as the contract's SuggestionRules sets them). */
const numbers: { key: NumberRule; min: number; max: number }[] = [
  { key: 'answerMonths', min: 1, max: 12 },
  { key: 'maxMonths', min: 1, max: 24 },
  { key: 'redoMonths', min: 1, max: 6 },
  { key: 'coViewMonths', min: 1, max: 6 },
  { key: 'returnWindowWorkingDays', min: 1, max: 30 },
  { key: 'rateWindowDays', min: 1, max: 180 },
  { key: 'publishAfterWorkingDays', min: 0, max: 120 },
];
const ruleFields = [...numbers.map((n) => n.key), 'coSignersRate'] as const;
const labelOf = (key: keyof SuggestionRules) => `suggestions.rules.${key}` as MessageKey;
const helpOf = (key: keyof SuggestionRules) => `suggestions.rules.${key}.help` as MessageKey;

/** The committee's clocks and switches (办理规则), each with what it means. */
export function RulesCard() {
  const t = useT();
  const { message } = App.useApp();
  const rules = useRules();
  const save = useSetRules();
  const [form] = Form.useForm<SuggestionRules>();
  const [onFields, setOnFields] = useState(false);
  return (
    <Card title={t('suggestions.rules.title')} size="small" data-testid="rules">
      {rules.isPending ? (
        <Skeleton active />
      ) : rules.isError ? (
        <ErrorAlert error={rules.error} />
      ) : (
        <Form<SuggestionRules>
          form={form}
          name="rules"
          layout="vertical"
          requiredMark={false}
          initialValues={rules.data.rules}
          onFinish={(v) => {
            setOnFields(false);
            save.mutate(v, {
              onSuccess: () => void message.success(t('suggestions.rules.saved')),
              onError: (error) => setOnFields(showFieldErrors(form, error, ruleFields)),
            });
          }}
        >
          {save.error && !onFields ? (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={save.error} />
            </div>
          ) : null}
          <Row gutter={16}>
            {numbers.map((n) => (
              <Col key={n.key} xs={24} md={12} xl={8}>
                <Form.Item
                  name={n.key}
                  label={t(labelOf(n.key))}
                  extra={t(helpOf(n.key))}
                  rules={[{ required: true, message: t('suggestions.form.required') }]}
                >
                  <InputNumber min={n.min} max={n.max} precision={0} style={{ width: 140 }} />
                </Form.Item>
              </Col>
            ))}
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name="coSignersRate"
                label={t(labelOf('coSignersRate'))}
                extra={t(helpOf('coSignersRate'))}
                valuePropName="checked"
              >
                <Switch />
              </Form.Item>
            </Col>
          </Row>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rules-save">
            {t('suggestions.rules.save')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
