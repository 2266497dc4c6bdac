import { App, Button, Card, Flex, Form, Input, InputNumber, Typography } from 'antd';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useRules, useSaveRules } from '../api.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

const example = {
  base: 60,
  perKind: { reception: 3, inspection: 3, research: 3, suggestionLed: 15, suggestionCoSigned: 3, absence: -1 },
  perHour: { training: 1 },
  bonuses: { answerA: 5, keySupervised: 10, ratedSatisfied: 2 },
  caps: { reception: 30 },
  bands: [
    { label: '好', min: 80 },
    { label: '较好', min: 60 },
    { label: '差', min: null },
  ],
  reportBackSatisfied: 0.9,
  consequences: { commendTop: 3, talkBand: '差', admonishAfterLowYears: 2 },
};

/**
 * The point rules: each saved version takes effect from a year and never rescored a past year. Edited
 * as JSON (checked by the server, which names the field at fault), the latest version as the start.
 */
export function RulesTab() {
  const t = useT();
  const { message } = App.useApp();
  const rules = useRules();
  const save = useSaveRules();
  const [form] = Form.useForm<{ fromYear: number; json: string }>();
  const latest = rules.data?.items[0];
  return (
    <Flex vertical gap={12}>
      {save.error && <ErrorAlert error={save.error} />}
      {rules.data && (
        <Form
          form={form}
          name="duty_rules"
          layout="vertical"
          initialValues={{
            fromYear: chinaYear(),
            json: JSON.stringify(latest?.rules ?? example, null, 2),
          }}
          onFinish={(v) => {
            let parsed: unknown;
            try {
              parsed = JSON.parse(v.json);
            } catch {
              form.setFields([{ name: 'json', errors: [t('duty.rules.badJson')] }]);
              return;
            }
            save.mutate(
              { fromYear: v.fromYear, rules: parsed as never },
              { onSuccess: () => void message.success(t('duty.rules.done')) },
            );
          }}
        >
          <Form.Item name="fromYear" label={t('duty.rules.fromYear')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="json" label={t('duty.rules.json')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('duty.rules.save')}
          </Button>
        </Form>
      )}
      <Typography.Title level={5}>{t('duty.rules.versions')}</Typography.Title>
      {rules.data?.items.map((v) => (
        <Card key={v.id} size="small" title={t('duty.rules.version', { year: v.fromYear })}>
          <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(v.rules)}</pre>
        </Card>
      ))}
    </Flex>
  );
}
