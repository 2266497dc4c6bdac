import { AutoComplete, Button, DatePicker, Flex, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
// Month and weekday names of the date picker in Chinese (antd picks the loaded locale by name).
import 'dayjs/locale/zh-cn.js';
import { auditActionLabel, subjectTypeLabels } from '../../../../../../contracts/audit-words.js';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { knownActions, type AuditFilters } from '../api.js';

interface FilterValues {
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const trimmed = (value: string | undefined) => value?.trim() || undefined;

/** Filters of the audit search (form "audit"): actor, action (or prefix), subject, time range. */
export function AuditFilterForm({ onSearch }: { onSearch: (filters: AuditFilters) => void }) {
  const t = useT();
  const [form] = Form.useForm<FilterValues>();
  const { lang } = usePrefs();
  const pick = (l: { zh: string; en: string }) => (lang === 'en' ? l.en : l.zh);

  const submit = (values: FilterValues) => {
    const [from, to] = values.range ?? [null, null];
    onSearch({
      actor: trimmed(values.actor),
      action: trimmed(values.action),
      subjectType: trimmed(values.subjectType),
      subjectId: trimmed(values.subjectId),
      from: from ? from.format() : undefined,
      to: to ? to.format() : undefined,
    });
  };

  return (
    <Form<FilterValues> form={form} name="audit" layout="vertical" onFinish={submit}>
      <Flex gap={12} wrap align="flex-end">
        <Form.Item name="actor" label={t('audit.actor')} style={{ width: 180, marginBottom: 12 }}>
          <Input placeholder={t('audit.actorPlaceholder')} autoCapitalize="none" spellCheck={false} maxLength={64} />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')} style={{ width: 260, marginBottom: 12 }}>
          <AutoComplete
            options={knownActions.map((a) => ({
              value: a,
              label: a.endsWith('.') ? a : `${pick(auditActionLabel(a))} · ${a}`,
            }))}
            placeholder={t('audit.actionPlaceholder')}
            showSearch={{
              // Found by its words (登录, 交办) or by its code.
              filterOption: (input, option) =>
                `${String(option?.label ?? '')} ${String(option?.value ?? '')}`
                  .toLowerCase()
                  .includes(input.toLowerCase()),
            }}
            allowClear
            data-testid="audit-action"
          />
        </Form.Item>
        <Form.Item name="subjectType" label={t('audit.subjectType')} style={{ width: 140, marginBottom: 12 }}>
          <AutoComplete
            options={Object.entries(subjectTypeLabels).map(([value, l]) => ({ value, label: `${pick(l)} · ${value}` }))}
            allowClear
            maxLength={32}
          />
        </Form.Item>
        <Form.Item name="subjectId" label={t('audit.subjectId')} style={{ width: 140, marginBottom: 12 }}>
          <Input maxLength={64} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.time')} style={{ marginBottom: 12 }}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" allowEmpty={[true, true]} />
        </Form.Item>
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Button type="primary" htmlType="submit">
            {t('common.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              onSearch({});
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
      </Flex>
    </Form>
  );
}
