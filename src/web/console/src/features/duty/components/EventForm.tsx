import { App, Checkbox, Form, Input, InputNumber, Modal, Select, type ButtonProps } from 'antd';
import { eventKinds, activityKindLabels } from '../../../../../../contracts/duty.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useMe } from '../../../app/session.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { useDeputies } from '../api.js';
import { usePlanEvent } from '../events-api.js';

interface Values {
  orgId: number;
  kind: (typeof eventKinds)[number];
  title: string;
  place?: string;
  day: string;
  startsAt: string;
  hours: number;
  signup: boolean;
  capacity?: number;
  deputyIds: number[];
}
const fields = ['orgId', 'kind', 'title', 'place', 'day', 'startsAt', 'hours', 'capacity', 'deputyIds'];

/** Plans an activity (form "duty_event"): the organising body, kind, time and place, invited deputies or sign-up. */
export function EventForm({ open, onClose, kind }: { open: boolean; onClose: () => void; kind?: string }) {
  const t = useT();
  const label = useLabel();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const deputies = useDeputies();
  const plan = usePlanEvent();
  const signup = Form.useWatch('signup', form);
  const orgs = [...new Map(me.roles.filter((r) => r.role !== 'deputy').map((r) => [r.orgId, r.orgName]))];
  const submit = (v: Values) =>
    plan.mutate(
      { ...v, place: v.place || undefined, capacity: v.capacity ?? undefined, deputyIds: v.deputyIds ?? [] },
      {
        onSuccess: () => {
          void message.success(t('dutyEvents.planned'));
          form.resetFields();
          plan.reset();
          onClose();
        },
        onError: (e) => applyFieldErrors(form, e, fields),
      },
    );
  return (
    <Modal
      open={open}
      title={t('dutyEvents.plan')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('dutyEvents.planSubmit')}
      okButtonProps={{ loading: plan.isPending, 'data-testid': 'event-submit' } as ButtonProps}
      destroyOnHidden
    >
      {plan.error && <ErrorAlert error={plan.error} />}
      <Form
        form={form}
        name="duty_event"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          orgId: orgs[0]?.[0],
          kind: kind ?? 'inspection',
          startsAt: '09:00',
          hours: 2,
          signup: kind === 'training' || kind === 'briefing',
          deputyIds: [],
        }}
      >
        <Form.Item name="orgId" label={t('dutyEvents.org')} rules={[{ required: true }]}>
          <Select options={orgs.map(([value, name]) => ({ value, label: name }))} />
        </Form.Item>
        <Form.Item name="kind" label={t('dutyEvents.kind')} rules={[{ required: true }]}>
          <Select options={eventKinds.map((k) => ({ value: k, label: label(activityKindLabels[k]) }))} />
        </Form.Item>
        <EventWhenFields />
        <Form.Item name="deputyIds" label={t('dutyEvents.invited')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={deputies.data?.items.map((d) => ({ value: d.id, label: `${d.name}（${d.orgName}）` }))}
            data-testid="event-deputies"
          />
        </Form.Item>
        <Form.Item name="signup" valuePropName="checked">
          <Checkbox>{t('dutyEvents.signupOpen')}</Checkbox>
        </Form.Item>
        {signup && (
          <Form.Item name="capacity" label={t('dutyEvents.capacity')}>
            <InputNumber min={1} max={5000} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** What, where and when of an activity (planning and changing it): title, place, day, start, hours. */
export function EventWhenFields() {
  const t = useT();
  return (
    <>
      <Form.Item
        name="title"
        label={t('dutyEvents.title')}
        rules={[{ required: true, message: t('dutyEvents.titleNeeded') }]}
      >
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="place" label={t('dutyEvents.place')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="day" label={t('dutyEvents.day')} rules={[{ required: true }]}>
        <Input type="date" />
      </Form.Item>
      <Form.Item name="startsAt" label={t('dutyEvents.startsAt')} rules={[{ required: true }]}>
        <Input type="time" />
      </Form.Item>
      <Form.Item name="hours" label={t('dutyEvents.hours')} rules={[{ required: true }]}>
        <InputNumber min={0.5} max={200} step={0.5} />
      </Form.Item>
    </>
  );
}
