import { App, Form, Input, InputNumber, Modal, Select, type ButtonProps } from 'antd';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useDeputies } from '../api.js';
import type { EventView } from '../events-api.js';
import { useCancelEvent, useEditEvent } from '../more-api.js';
import { EventWhenFields } from './EventForm.js';

interface EditValues {
  title: string;
  place?: string;
  day: string;
  startsAt: string;
  hours: number;
  capacity?: number | null;
  note?: string;
  addDeputyIds?: number[];
}
const editFields = ['title', 'place', 'day', 'startsAt', 'hours', 'capacity', 'note', 'addDeputyIds'];

/** Changes a planned activity (form "duty_event_edit"); the deputies on the list are told of a new day, time or place. */
export function EventEditModal({ event, onClose }: { event: EventView; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const edit = useEditEvent();
  const deputies = useDeputies();
  const submit = (v: EditValues) =>
    edit.mutate(
      {
        id: event.id,
        body: {
          ...v,
          place: v.place ?? '',
          note: v.note ?? '',
          capacity: event.signup ? (v.capacity ?? null) : undefined,
          addDeputyIds: v.addDeputyIds?.length ? v.addDeputyIds : undefined,
        },
      },
      {
        onSuccess: (r) => {
          void message.success(r.changed.length ? t('dutyMore.edited') : t('dutyMore.unchanged'));
          onClose();
        },
        onError: (e) => applyFieldErrors(form, e, editFields),
      },
    );
  return (
    <Modal
      open
      title={t('dutyMore.editTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('dutyMore.save')}
      okButtonProps={{ loading: edit.isPending, 'data-testid': 'event-edit-submit' } as ButtonProps}
      destroyOnHidden
    >
      {edit.error && <ErrorAlert error={edit.error} />}
      <Form
        form={form}
        name="duty_event_edit"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          title: event.title,
          place: event.place ?? '',
          day: event.day,
          startsAt: event.startsAt,
          hours: event.hours,
          capacity: event.capacity,
          note: event.note ?? '',
          addDeputyIds: [],
        }}
      >
        <EventWhenFields />
        {event.signup && (
          <Form.Item name="capacity" label={t('dutyEvents.capacity')}>
            <InputNumber min={1} max={5000} />
          </Form.Item>
        )}
        <Form.Item name="addDeputyIds" label={t('dutyMore.addDeputies')}>
          <Select
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={deputies.data?.items.map((d) => ({ value: d.id, label: `${d.name}（${d.orgName}）` }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('dutyMore.note')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 5 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Cancels a planned activity with the reason (form "duty_event_cancel"); those on the list are told. */
export function EventCancelModal({ event, onClose }: { event: EventView; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelEvent();
  const submit = (v: { reason: string }) =>
    cancel.mutate(
      { id: event.id, body: { reason: v.reason ?? '' } },
      {
        onSuccess: () => {
          void message.success(t('dutyMore.cancelledDone'));
          onClose();
        },
        onError: (e) => applyFieldErrors(form, e, ['reason']),
      },
    );
  return (
    <Modal
      open
      title={t('dutyMore.cancelTitle', { title: event.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('dutyMore.cancelConfirm')}
      cancelText={t('dutyMore.keep')}
      okButtonProps={{ danger: true, loading: cancel.isPending, 'data-testid': 'event-cancel-submit' } as ButtonProps}
      destroyOnHidden
    >
      {cancel.error && <ErrorAlert error={cancel.error} />}
      <Form form={form} name="duty_event_cancel" layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('dutyMore.reason')} extra={t('dutyMore.reasonHelp', { n: event.enrolled })}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
