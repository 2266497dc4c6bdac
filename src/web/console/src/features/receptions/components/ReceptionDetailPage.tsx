import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Modal,
  QRCode,
  Space,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
// Month and weekday names of calendars and date pickers in Chinese (antd picks the loaded locale by name).
import 'dayjs/locale/zh-cn.js';
import dayjs from 'dayjs';
import { usePrefs } from '../../../app/prefs.js';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { ReceptionPatch } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors, errorMessage } from '../../../app/form-errors.js';
import { FullPageSpin } from '../../../app/FullPageSpin.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { qrCodes, revealAppointment, useReception, useReceptionAction } from '../api.js';
import { ModeTag, StatusTag } from './ReceptionTags.js';
import { receptionHappened } from '../../../../../../contracts/receptions.js';

/** /console/receptions/:id: a reception's notice, duty, slots and bookings; publish, move, cancel; the way to the table. */
export function ReceptionDetailPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = AntApp.useApp();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const reception = useReception(id);
  const publish = useReceptionAction<undefined>(id, 'POST', '/publish');
  const cancel = useReceptionAction<{ reason: string }>(id, 'POST', '/cancel');
  const move = useReceptionAction<ReceptionPatch>(id, 'PATCH', '');
  const [cancelling, setCancelling] = useState(false);
  const [moving, setMoving] = useState(false);
  const [revealed, setRevealed] = useState<Record<number, { name: string; phone: string }>>({});
  const [codes, setCodes] = useState<{ deputyId: number; name: string; qrToken: string }[] | null>(null);
  const [cancelForm] = Form.useForm<{ reason: string }>();
  const [moveForm] = Form.useForm<{ day: dayjs.Dayjs; time: [dayjs.Dayjs, dayjs.Dayjs]; reason?: string }>();

  if (reception.isPending) return <FullPageSpin />;
  if (reception.isError) return <ErrorAlert error={reception.error} />;
  const r = reception.data;
  const manage = r.can.manage;
  const live = r.status === 'planned' || r.status === 'published';
  // A reception that has taken place is not announced any more (the server refuses it too).
  const happened = receptionHappened(r.day, r.end);

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {manage && r.status === 'planned' && !happened ? (
              <Button
                type="primary"
                loading={publish.isPending}
                data-testid="publish-reception"
                onClick={() =>
                  publish.mutate(undefined, {
                    onSuccess: () => message.success(t('receptions.published')),
                    onError: (e) => message.error(errorMessage(e, t)),
                  })
                }
              >
                {t('receptions.publish')}
              </Button>
            ) : null}
            {manage && live ? (
              <Button onClick={() => setMoving(true)} data-testid="reschedule-reception">
                {t('receptions.reschedule')}
              </Button>
            ) : null}
            {manage && live ? (
              <Button danger onClick={() => setCancelling(true)} data-testid="cancel-reception">
                {t('receptions.cancel')}
              </Button>
            ) : null}
            {manage && r.status === 'published' ? (
              <Button
                onClick={() =>
                  void qrCodes(id).then(
                    (c) => setCodes(c.items),
                    (e: unknown) => message.error(errorMessage(e, t)),
                  )
                }
              >
                {t('receptions.qrCodes')}
              </Button>
            ) : null}
            {manage && r.status !== 'cancelled' && r.status !== 'planned' ? (
              <Button type="primary" onClick={() => void navigate(`/receptions/${id}/table`)} data-testid="open-table">
                {t('receptions.openTable')}
              </Button>
            ) : null}
          </Space>
        }
      >
        <Link to="/receptions">{t('nav.receptions')}</Link> / {r.stationName} {r.day}
      </PageTitle>
      {manage && r.status === 'planned' && happened ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('receptions.pastNoPublish')}
          data-testid="reception-past"
        />
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 2 }} size="small">
          <Descriptions.Item label={t('receptions.col.status')}>
            <StatusTag status={r.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('receptions.col.mode')}>
            <ModeTag mode={r.mode} />
            {r.groupName ? <Tag color="purple">{r.groupName}</Tag> : null}
          </Descriptions.Item>
          <Descriptions.Item label={t('receptions.col.when')}>
            {r.day} {r.start}–{r.end}
          </Descriptions.Item>
          <Descriptions.Item label={t('receptions.col.place')}>{r.place ?? r.stationAddress ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('receptions.col.theme')}>{r.theme ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('receptions.col.notice')}>
            {r.publishedAt
              ? t('receptions.publishedAt', { at: formatDateTime(r.publishedAt, lang) })
              : t('receptions.publishOn', { day: r.publishOn })}
          </Descriptions.Item>
          <Descriptions.Item label={t('receptions.col.duty')}>
            {r.duty.map((d) => (
              <Tag key={d.deputyId} color={d.signedInAt ? 'green' : undefined}>
                {d.name}
              </Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('receptions.col.consultants')}>
            {r.consultants.map((c) => c.displayName).join('、') || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('receptions.col.visitors')}>{r.visitors}</Descriptions.Item>
          {r.previousDay ? (
            <Descriptions.Item label={t('receptions.col.moved')}>
              {r.previousDay} → {r.day}：{r.rescheduleReason}
            </Descriptions.Item>
          ) : null}
          {r.cancelReason ? (
            <Descriptions.Item label={t('receptions.col.cancelReason')}>{r.cancelReason}</Descriptions.Item>
          ) : null}
        </Descriptions>
        {r.summary ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} data-testid="reception-summary">
            {r.summary}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <Card title={t('receptions.slots')} style={{ marginBottom: 16 }}>
        {r.slots.length ? (
          <Flex gap={8} wrap>
            {r.slots.map((s) => (
              <Tag key={s.id} color={s.booked >= s.capacity ? 'red' : 'blue'}>
                {s.start}–{s.end} · {t('receptions.slotBooked', { booked: s.booked, capacity: s.capacity })}
              </Tag>
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('receptions.noSlots')}</Typography.Text>
        )}
        <ResponsiveTable
          style={{ marginTop: 12 }}
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={r.appointments}
          locale={{ emptyText: t('receptions.noAppointments') }}
          columns={[
            { key: 'slot', title: t('receptions.appt.slot'), dataIndex: 'slot' },
            { key: 'name', title: t('receptions.appt.name'), dataIndex: 'name' },
            {
              key: 'phone',
              title: t('receptions.appt.phone'),
              render: (_, a) =>
                revealed[a.id] ? (
                  `${revealed[a.id]!.name} ${revealed[a.id]!.phone}`
                ) : (
                  <Space>
                    {a.phone}
                    {manage ? (
                      <Button
                        size="small"
                        type="link"
                        onClick={() =>
                          void revealAppointment(id, a.id).then(
                            (c) => setRevealed((m) => ({ ...m, [a.id]: c })),
                            (e: unknown) => message.error(errorMessage(e, t)),
                          )
                        }
                      >
                        {t('receptions.appt.reveal')}
                      </Button>
                    ) : null}
                  </Space>
                ),
            },
            { key: 'topic', title: t('receptions.appt.topic'), dataIndex: 'topic' },
            { key: 'status', title: t('receptions.col.status'), render: (_, a) => t(`receptions.appt.${a.status}`) },
          ]}
        />
      </Card>
      {r.opinions.length ? (
        <Card title={t('receptions.table.registered')}>
          <List
            size="small"
            dataSource={r.opinions}
            renderItem={(o) => (
              <List.Item>
                <Link to={`/opinions/${o.id}`}>{o.receiptCode}</Link>
              </List.Item>
            )}
          />
        </Card>
      ) : null}

      <Modal
        open={cancelling}
        title={t('receptions.cancelTitle')}
        okText={t('receptions.cancel')}
        okButtonProps={{ danger: true, loading: cancel.isPending }}
        onCancel={() => setCancelling(false)}
        onOk={() => cancelForm.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('receptions.cancelHelp')}</Typography.Paragraph>
        <Form
          form={cancelForm}
          layout="vertical"
          onFinish={(v) =>
            cancel.mutate(v, {
              onSuccess: () => {
                setCancelling(false);
                message.success(t('receptions.cancelled'));
              },
              onError: (e) => applyFieldErrors(cancelForm, e, ['reason']) || message.error(errorMessage(e, t)),
            })
          }
        >
          <Form.Item
            name="reason"
            label={t('receptions.reason')}
            rules={[{ required: true, whitespace: true, message: t('receptions.reasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="cancel-reason" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={moving}
        title={t('receptions.rescheduleTitle')}
        okButtonProps={{ loading: move.isPending }}
        onCancel={() => setMoving(false)}
        onOk={() => moveForm.submit()}
        destroyOnHidden
      >
        <Form
          form={moveForm}
          layout="vertical"
          initialValues={{ day: dayjs(r.day), time: [dayjs(`${r.day}T${r.start}`), dayjs(`${r.day}T${r.end}`)] }}
          onFinish={(v) =>
            move.mutate(
              {
                day: v.day.format('YYYY-MM-DD'),
                start: v.time[0].format('HH:mm'),
                end: v.time[1].format('HH:mm'),
                reason: v.reason?.trim() || null,
              },
              {
                onSuccess: () => {
                  setMoving(false);
                  message.success(t('receptions.saved'));
                },
                onError: (e) =>
                  applyFieldErrors(moveForm, e, ['day', 'start', 'end', 'reason']) || message.error(errorMessage(e, t)),
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
          <Form.Item name="reason" label={t('receptions.reason')} extra={t('receptions.rescheduleHelp')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={codes !== null}
        title={t('receptions.qrCodes')}
        footer={null}
        onCancel={() => setCodes(null)}
        width={720}
      >
        <Typography.Paragraph type="secondary">{t('receptions.qrHelp')}</Typography.Paragraph>
        <Flex gap={16} wrap>
          {(codes ?? []).map((c) => (
            <Flex key={c.deputyId} vertical align="center">
              <QRCode value={c.qrToken} size={160} />
              <Typography.Text>{c.name}</Typography.Text>
            </Flex>
          ))}
        </Flex>
      </Modal>
    </>
  );
}
