import { Alert, App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { dayKinds, isoWeekday, useCorrectDay, type CalendarDayView, type DayKind } from '../api.js';

interface Values {
  day?: Dayjs;
  kind: DayKind;
  name?: string;
  nameEn?: string;
  note?: string;
}

const fields = ['day', 'kind', 'name', 'nameEn', 'note'] as const;

/** The kind a correction most likely wants: a weekday made a holiday, a weekend day worked. */
function likelyKind(day: string | undefined, current: CalendarDayView | undefined): DayKind {
  if (current?.source) return current.kind;
  if (!day) return 'holiday';
  return isoWeekday(day) >= 6 ? 'adjustedWorkday' : 'holiday';
}

/**
 * An administrator's correction of one day (form "calendarDay": #calendarDay_day,
 * #calendarDay_kind, #calendarDay_name, #calendarDay_note …). `current` is the day as the year
 * view has it, when it has an entry.
 */
export function CorrectDayModal({
  open,
  day,
  current,
  onClose,
}: {
  open: boolean;
  day?: string;
  current?: CalendarDayView;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const correct = useCorrectDay();
  const [alert, setAlert] = useState<unknown>(null);
  const picked = Form.useWatch('day', form);
  const kind = Form.useWatch('kind', form);
  const pickedDay = picked?.format('YYYY-MM-DD');
  const weekend = pickedDay ? isoWeekday(pickedDay) >= 6 : false;
  const names = t('calendar.weekdayNames').split(',');

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({
      day: day ? dayjs(day) : undefined,
      kind: likelyKind(day, current),
      name: current?.name ?? undefined,
      nameEn: current?.nameEn ?? undefined,
      note: current?.source === 'admin' ? (current.note ?? undefined) : undefined,
    });
  }, [open, day, current, form]);

  const submit = (values: Values) => {
    const target = values.day!.format('YYYY-MM-DD');
    setAlert(null);
    correct.mutate(
      {
        day: target,
        body: {
          kind: values.kind,
          name: values.name?.trim() || null,
          nameEn: values.nameEn?.trim() || null,
          note: values.note?.trim() ?? '',
        },
      },
      {
        onSuccess: () => {
          void message.success(t('calendar.saved', { day: target }));
          setAlert(null);
          onClose();
        },
        onError: (error) => setAlert(applyFieldErrors(form, error, fields) ? null : error),
      },
    );
  };

  return (
    <Modal
      open={open}
      title={
        pickedDay
          ? t('calendar.correctTitle', { day: pickedDay, weekday: names[isoWeekday(pickedDay) - 1] ?? '' })
          : t('calendar.correctDay')
      }
      okText={t('calendar.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={() => {
        setAlert(null);
        onClose();
      }}
      confirmLoading={correct.isPending}
      destroyOnHidden
    >
      <Form<Values> form={form} name="calendarDay" layout="vertical" onFinish={submit} requiredMark>
        {current ? (
          <Typography.Paragraph type="secondary" data-testid="calendar-current">
            {t('calendar.current', {
              kind: [t(`calendar.kind.${current.kind}`), current.name].filter(Boolean).join(' · '),
            })}
          </Typography.Paragraph>
        ) : null}
        <Form.Item
          name="day"
          label={t('calendar.form.day')}
          rules={[{ required: true, message: t('calendar.form.dayRequired') }]}
        >
          <DatePicker format="YYYY-MM-DD" allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('calendar.form.kind')}
          rules={[
            { required: true },
            {
              validator: async (_rule, value: DayKind) => {
                if (!pickedDay) return;
                if ((value === 'adjustedWorkday' || value === 'weekend') && !weekend)
                  throw new Error(t('calendar.form.weekendOnly'));
                if (value === 'workday' && weekend) throw new Error(t('calendar.form.weekdayOnly'));
              },
            },
          ]}
          dependencies={['day']}
        >
          <Radio.Group
            optionType="button"
            options={dayKinds.map((k) => ({ value: k, label: t(`calendar.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.form.name')}
          rules={[{ required: kind === 'holiday', whitespace: true, message: t('calendar.form.nameRequired') }]}
        >
          <Input maxLength={100} placeholder={t('calendar.form.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('calendar.form.nameEn')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('calendar.form.note')}
          rules={[{ required: true, whitespace: true, message: t('calendar.form.noteRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={500}
            placeholder={t('calendar.form.notePlaceholder', { year: pickedDay?.slice(0, 4) ?? '' })}
          />
        </Form.Item>
        <Alert type="info" showIcon title={t('calendar.form.hint')} />
        {alert ? (
          <div style={{ marginTop: 12 }}>
            <ErrorAlert error={alert} />
          </div>
        ) : null}
      </Form>
    </Modal>
  );
}
