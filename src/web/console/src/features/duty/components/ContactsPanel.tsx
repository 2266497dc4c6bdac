import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { contactModeLabels, contactModes } from '../../../../../../contracts/duty.js';
import { api, withQuery } from '../../../app/api-client.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCan, useMe } from '../../../app/session.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { useDeputies } from '../api.js';
import { useContacts, usePair, useRecordContact } from '../events-api.js';
import { chinaDay } from '../../../../../../contracts/calendar.js';

interface ContactValues {
  deputyId?: number;
  day: string;
  mode: (typeof contactModes)[number];
  people?: number;
  summary: string;
}

/** Records a contact (form "duty_contact"): the deputy's own with constituents, or a paired member's with a deputy. */
function ContactForm({
  kind,
  deputies,
}: {
  kind: 'constituents' | 'member';
  deputies?: { id: number; name: string }[];
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<ContactValues>();
  const record = useRecordContact();
  return (
    <Card size="small" title={t(kind === 'member' ? 'dutyContacts.memberForm' : 'dutyContacts.constituentForm')}>
      {record.error && <ErrorAlert error={record.error} />}
      <Form
        form={form}
        name={`duty_contact_${kind}`}
        layout="vertical"
        initialValues={{ mode: 'visit', day: chinaDay() }}
        onFinish={(v) =>
          record.mutate(
            { ...v, kind, people: v.people ?? undefined },
            {
              onSuccess: () => {
                void message.success(t('dutyContacts.saved'));
                form.resetFields(['summary', 'people']);
                record.reset();
              },
              onError: (e) => applyFieldErrors(form, e, ['deputyId', 'day', 'mode', 'people', 'summary']),
            },
          )
        }
      >
        {deputies && (
          <Form.Item name="deputyId" label={t('duty.deputy')} rules={[{ required: true }]}>
            <Select options={deputies.map((d) => ({ value: d.id, label: d.name }))} />
          </Form.Item>
        )}
        <Flex gap={8} wrap>
          <Form.Item name="day" label={t('dutyContacts.day')} rules={[{ required: true }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="mode" label={t('dutyContacts.mode')} rules={[{ required: true }]}>
            <Select
              style={{ width: 110 }}
              options={contactModes.map((m) => ({ value: m, label: label(contactModeLabels[m]) }))}
            />
          </Form.Item>
          {kind === 'constituents' && (
            <Form.Item name="people" label={t('dutyContacts.people')}>
              <InputNumber min={1} max={10000} />
            </Form.Item>
          )}
        </Flex>
        <Form.Item
          name="summary"
          label={t('dutyContacts.summary')}
          rules={[{ required: true, min: 2, message: t('dutyContacts.summaryNeeded') }]}
        >
          <Input.TextArea rows={2} maxLength={2000} data-testid={`contact-summary-${kind}`} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid={`contact-submit-${kind}`}>
          {t('dutyContacts.save')}
        </Button>
      </Form>
    </Card>
  );
}

/** The district pairs a committee member with a deputy. */
function PairingForm() {
  const t = useT();
  const { message } = App.useApp();
  const deputies = useDeputies();
  const pair = usePair();
  const [members, setMembers] = useState<{ value: number; label: string }[]>([]);
  const search = (q: string) =>
    void api<{ items: { id: number; name: string }[] }>('GET', withQuery('/api/duty/members', { q })).then((r) =>
      setMembers(r.items.map((m) => ({ value: m.id, label: m.name }))),
    );
  return (
    <Card size="small" title={t('dutyContacts.pairTitle')}>
      {pair.error && <ErrorAlert error={pair.error} />}
      <Form
        name="duty_pairing"
        layout="inline"
        onFinish={(v: { memberId: number; deputyId: number }) =>
          pair.mutate(v, { onSuccess: () => void message.success(t('dutyContacts.paired')) })
        }
      >
        <Form.Item name="memberId" label={t('dutyContacts.member')} rules={[{ required: true }]}>
          <Select
            showSearch={{ filterOption: false, onSearch: search }}
            onFocus={() => search('')}
            options={members}
            style={{ minWidth: 160 }}
          />
        </Form.Item>
        <Form.Item name="deputyId" label={t('duty.deputy')} rules={[{ required: true }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            options={deputies.data?.items.map((d) => ({ value: d.id, label: d.name }))}
            style={{ minWidth: 160 }}
          />
        </Form.Item>
        <Button htmlType="submit" loading={pair.isPending}>
          {t('dutyContacts.pair')}
        </Button>
      </Form>
    </Card>
  );
}

/** 两联系: the pairings and contacts of the year; forms for what the user may record. */
export function ContactsPanel({ year, own }: { year: number; own: boolean }) {
  const t = useT();
  const label = useLabel();
  const me = useMe();
  const can = useCan();
  const contacts = useContacts(year);
  if (contacts.isPending) return <Skeleton active />;
  if (contacts.isError) return <ErrorAlert error={contacts.error} />;
  const mine = contacts.data.pairings.filter((x) => x.memberId === me.id);
  return (
    <Flex vertical gap={12} data-testid="contacts-panel">
      {own && <ContactForm kind="constituents" />}
      {!own && can('duty.manage') && <PairingForm />}
      {mine.length > 0 && (
        <ContactForm kind="member" deputies={mine.map((x) => ({ id: x.deputyId, name: x.deputyName }))} />
      )}
      {contacts.data.pairings.length > 0 && (
        <Typography.Text>
          {t('dutyContacts.pairings')}
          {t('common.colon')}
          {contacts.data.pairings.map((x) => (
            <Tag key={x.id}>
              {x.memberName} — {x.deputyName}
            </Tag>
          ))}
        </Typography.Text>
      )}
      {contacts.data.contacts.length === 0 ? (
        <Empty description={t('duty.empty')} />
      ) : (
        <List
          dataSource={contacts.data.contacts}
          renderItem={(c) => (
            <List.Item>
              <Flex vertical>
                <span>
                  <Tag color={c.kind === 'member' ? 'purple' : 'green'}>
                    {t(c.kind === 'member' ? 'dutyContacts.kindMember' : 'dutyContacts.kindConstituents')}
                  </Tag>
                  {c.day} · {c.deputyName}
                  {c.memberName ? ` · ${c.memberName}` : ''} · {label(contactModeLabels[c.mode])}
                  {c.people ? ` · ${t('dutyContacts.peopleN', { n: c.people })}` : ''}
                </span>
                <Typography.Text type="secondary">{c.summary}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
