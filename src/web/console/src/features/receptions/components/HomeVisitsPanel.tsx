import { usePrefs } from '../../../app/prefs.js';
import { useMutation, useQuery } from '@tanstack/react-query';
import { App as AntApp, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Tag, TimePicker } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
// Month and weekday names of calendars and date pickers in Chinese (antd picks the loaded locale by name).
import 'dayjs/locale/zh-cn.js';
import type dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../app/api-client.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors, errorMessage } from '../../../app/form-errors.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { queryClient } from '../../../app/query-client.js';
import { useCan } from '../../../app/session.js';
import { useStationDetail } from '../api.js';
import { useStationChoice } from './use-station-choice.js';

interface HomeVisit {
  id: number;
  name: string;
  phone: string;
  topic: string;
  status: 'requested' | 'accepted' | 'declined';
  receptionId: number | null;
  createdAt: string;
}
const statusColor = { requested: 'orange', accepted: 'green', declined: 'default' } as const;

/** Home-visit requests (上门接待) from the portal: accept and schedule (the constituent is told), or decline with a reason. */
export function HomeVisitsPanel() {
  const t = useT();
  const { lang } = usePrefs();
  const can = useCan();
  const { message } = AntApp.useApp();
  const { stationId, select } = useStationChoice();
  const station = useStationDetail(stationId);
  const key = ['receptions', 'homeVisits', stationId ?? 0];
  const list = useQuery({
    queryKey: key,
    queryFn: () => api<{ items: HomeVisit[] }>('GET', `/api/receptions/stations/${stationId}/home-visits`),
    enabled: !!stationId,
  });
  const [accepting, setAccepting] = useState<HomeVisit | null>(null);
  const [declining, setDeclining] = useState<HomeVisit | null>(null);
  const [acceptForm] = Form.useForm<{ day: dayjs.Dayjs; time: [dayjs.Dayjs, dayjs.Dayjs]; deputyIds: number[] }>();
  const [declineForm] = Form.useForm<{ reason: string }>();
  const decide = useMutation({
    mutationFn: ({ id, step, body }: { id: number; step: 'accept' | 'decline'; body: unknown }) =>
      api<{ items: HomeVisit[] }>('POST', `/api/receptions/stations/${stationId}/home-visits/${id}/${step}`, body),
    onSuccess: (data) => {
      queryClient.setQueryData(key, data);
      void queryClient.invalidateQueries({ queryKey: ['receptions', 'list'] });
    },
  });

  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>{select}</Space>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <ResponsiveTable
        size="small"
        rowKey="id"
        loading={list.isPending && !!stationId}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('receptions.visits.none') }}
        columns={[
          { key: 'at', title: t('receptions.visits.at'), render: (_, v) => formatDateTime(v.createdAt, lang) },
          { key: 'name', title: t('receptions.appt.name'), dataIndex: 'name' },
          { key: 'phone', title: t('receptions.appt.phone'), dataIndex: 'phone' },
          { key: 'topic', title: t('receptions.appt.topic'), dataIndex: 'topic' },
          {
            key: 'status',
            title: t('receptions.col.status'),
            render: (_, v) => (
              <Space>
                <Tag color={statusColor[v.status]}>{t(`receptions.visits.${v.status}`)}</Tag>
                {v.receptionId ? <Link to={`/receptions/${v.receptionId}`}>{t('receptions.visits.open')}</Link> : null}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: '',
            render: (_, v) =>
              can('reception.manage') && v.status === 'requested' ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setAccepting(v)}>
                    {t('receptions.visits.accept')}
                  </Button>
                  <Button size="small" onClick={() => setDeclining(v)}>
                    {t('receptions.visits.decline')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <Modal
        open={!!accepting}
        title={t('receptions.visits.acceptTitle')}
        onCancel={() => setAccepting(null)}
        onOk={() => acceptForm.submit()}
        okButtonProps={{ loading: decide.isPending }}
        destroyOnHidden
      >
        <Form
          form={acceptForm}
          layout="vertical"
          onFinish={(v) =>
            decide.mutate(
              {
                id: accepting!.id,
                step: 'accept',
                body: {
                  day: v.day.format('YYYY-MM-DD'),
                  start: v.time[0].format('HH:mm'),
                  end: v.time[1].format('HH:mm'),
                  deputyIds: v.deputyIds,
                },
              },
              {
                onSuccess: () => {
                  setAccepting(null);
                  message.success(t('receptions.visits.accepted'));
                },
                onError: (e) =>
                  applyFieldErrors(acceptForm, e, ['day', 'start', 'end', 'deputyIds']) ||
                  message.error(errorMessage(e, t)),
              },
            )
          }
        >
          <Form.Item name="day" label={t('receptions.field.day')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="time" label={t('receptions.field.time')} rules={[{ required: true }]}>
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} />
          </Form.Item>
          <Form.Item
            name="deputyIds"
            label={t('receptions.col.duty')}
            rules={[{ required: true, message: t('receptions.field.dutyRequired') }]}
          >
            <Select
              mode="multiple"
              optionFilterProp="label"
              options={(station.data?.members ?? []).map((m) => ({ value: m.deputyId, label: m.name }))}
            />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={!!declining}
        title={t('receptions.visits.declineTitle')}
        onCancel={() => setDeclining(null)}
        onOk={() => declineForm.submit()}
        okButtonProps={{ loading: decide.isPending }}
        destroyOnHidden
      >
        <Form
          form={declineForm}
          layout="vertical"
          onFinish={(v) =>
            decide.mutate(
              { id: declining!.id, step: 'decline', body: v },
              {
                onSuccess: () => setDeclining(null),
                onError: (e) => applyFieldErrors(declineForm, e, ['reason']) || message.error(errorMessage(e, t)),
              },
            )
          }
        >
          <Form.Item
            name="reason"
            label={t('receptions.reason')}
            rules={[{ required: true, whitespace: true, message: t('receptions.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
