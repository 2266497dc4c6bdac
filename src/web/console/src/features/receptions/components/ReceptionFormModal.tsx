import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, TimePicker } from 'antd';
// Month and weekday names of calendars and date pickers in Chinese (antd picks the loaded locale by name).
import 'dayjs/locale/zh-cn.js';
import dayjs from 'dayjs';
import type { ReceptionMode } from '../../../app/contracts.js';
import { applyFieldErrors, errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCreateReception, useGroupOptions, useStationDetail } from '../api.js';
import { receptionModes } from './ReceptionTags.js';

interface Values {
  day: dayjs.Dayjs;
  time: [dayjs.Dayjs, dayjs.Dayjs];
  mode: ReceptionMode;
  theme?: string;
  groupId?: number;
  place?: string;
  noticeDays?: number;
  deputyIds?: number[];
  consultantIds?: number[];
  slots?: { time: [dayjs.Dayjs, dayjs.Dayjs]; capacity: number }[];
}

/** Schedules a one-off reception at a station (themed, appointment, mobile …) with duty deputies and slots. */
export function ReceptionFormModal({
  stationId,
  day,
  onClose,
  onCreated,
}: {
  stationId: number;
  day?: string;
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const station = useStationDetail(stationId);
  const create = useCreateReception();
  const mode = Form.useWatch('mode', form);
  const groups = useGroupOptions();

  return (
    <Modal
      open
      title={t('receptions.create')}
      okText={t('receptions.createOk')}
      okButtonProps={{ loading: create.isPending, ...{ 'data-testid': 'reception-form-ok' } }}
      onCancel={onClose}
      onOk={() => form.submit()}
      width={640}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          day: day ? dayjs(day) : dayjs().add(7, 'day'),
          time: [dayjs('2000-01-01T09:00'), dayjs('2000-01-01T11:30')],
          mode: 'regular',
          noticeDays: 3,
        }}
        onFinish={(v) =>
          create.mutate(
            {
              stationId,
              day: v.day.format('YYYY-MM-DD'),
              start: v.time[0].format('HH:mm'),
              end: v.time[1].format('HH:mm'),
              mode: v.mode,
              theme: v.theme?.trim() || null,
              groupId: v.groupId ?? null,
              place: v.place?.trim() || null,
              noticeDays: v.noticeDays,
              deputyIds: v.deputyIds,
              consultantIds: v.consultantIds,
              slots: (v.slots ?? []).map((s) => ({
                start: s.time[0].format('HH:mm'),
                end: s.time[1].format('HH:mm'),
                capacity: s.capacity,
              })),
            },
            {
              onSuccess: (r) => {
                message.success(t('receptions.created'));
                onCreated(r.id);
              },
              onError: (e) =>
                applyFieldErrors(form, e, [
                  'day',
                  'start',
                  'end',
                  'mode',
                  'theme',
                  'groupId',
                  'place',
                  'noticeDays',
                  'deputyIds',
                  'consultantIds',
                  'slots',
                ]) || message.error(errorMessage(e, t)),
            },
          )
        }
      >
        <Space wrap>
          <Form.Item name="day" label={t('receptions.field.day')} rules={[{ required: true }]}>
            <DatePicker data-testid="reception-day" />
          </Form.Item>
          <Form.Item name="time" label={t('receptions.field.time')} rules={[{ required: true }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item name="mode" label={t('receptions.col.mode')} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              options={receptionModes.map((m) => ({ value: m, label: t(`receptions.mode.${m}`) }))}
              data-testid="reception-mode"
            />
          </Form.Item>
        </Space>
        <Form.Item name="theme" label={t('receptions.col.theme')}>
          <Input maxLength={200} data-testid="reception-theme" />
        </Form.Item>
        <Form.Item
          name="place"
          label={t('receptions.col.place')}
          extra={t('receptions.field.placeHelp')}
          rules={
            mode === 'mobile' || mode === 'homeVisit'
              ? [{ required: true, whitespace: true, message: t('receptions.field.placeRequired') }]
              : []
          }
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="groupId" label={t('receptions.field.group')} extra={t('receptions.field.groupHelp')}>
          <Select
            allowClear
            options={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item
          name="deputyIds"
          label={t('receptions.col.duty')}
          rules={[{ required: true, message: t('receptions.field.dutyRequired') }]}
        >
          <Select
            mode="multiple"
            data-testid="reception-deputies"
            loading={station.isPending}
            options={(station.data?.members ?? []).map((m) => ({ value: m.deputyId, label: m.name }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="consultantIds" label={t('receptions.col.consultants')}>
          <Select
            mode="multiple"
            options={(station.data?.consultants ?? []).map((c) => ({ value: c.userId, label: c.displayName }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item name="noticeDays" label={t('receptions.field.noticeDays')}>
          <InputNumber min={0} max={30} />
        </Form.Item>
        <Form.List name="slots">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'time']} label={t('receptions.appt.slot')} rules={[{ required: true }]}>
                    <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'capacity']}
                    label={t('receptions.field.capacity')}
                    rules={[{ required: true }]}
                    initialValue={5}
                  >
                    <InputNumber min={1} max={200} />
                  </Form.Item>
                  <Button
                    type="text"
                    icon={<MinusCircleOutlined />}
                    aria-label={t('receptions.field.removeSlot')}
                    onClick={() => remove(f.name)}
                  />
                </Space>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} data-testid="add-slot">
                {t('receptions.field.addSlot')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
