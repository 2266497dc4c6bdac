import { usePrefs } from '../../../app/prefs.js';
import { CameraOutlined, CloudSyncOutlined, MinusOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App as AntApp,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Popconfirm,
  Result,
  Row,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../app/api-client.js';
import { ApiError } from '../../../app/api-error.js';
import type { ReceptionView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { FullPageSpin } from '../../../app/FullPageSpin.js';
import { LanguageSwitch } from '../../../app/LanguageSwitch.js';
import { LargeTextToggle } from '../../../app/LargeTextToggle.js';
import { useT } from '../../../app/i18n.js';
import {
  entriesOf,
  flush,
  loadSnapshot,
  newKey,
  putEntry,
  removeEntry,
  saveSnapshot,
  type QueuedEntry,
} from '../offline-queue.js';
import { prepareOffline } from '../offline-shell.js';
import { ModeTag, StatusTag } from './ReceptionTags.js';

interface OpinionForm {
  content: string;
  name?: string;
  phone?: string;
  anonymous?: boolean;
}

/**
 * /console/receptions/:id/table — the reception table (接待台) on a tablet: sign-in, visitors,
 * opinions into the closed loop, the record, closing. Works offline: entries wait in IndexedDB with
 * their idempotency keys and go when the network returns; the screen always lists what is unsent.
 * It sits outside the console frame so that it loads (from the service worker's cache) without a network.
 */
export function ReceptionTablePage() {
  const t = useT();
  const { lang } = usePrefs();
  const { message } = AntApp.useApp();
  const receptionId = Number(useParams().id);
  const [reception, setReception] = useState<ReceptionView | null>(null);
  const [fromSnapshot, setFromSnapshot] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [queue, setQueue] = useState<QueuedEntry[]>([]);
  const [online, setOnline] = useState(navigator.onLine);
  const [syncing, setSyncing] = useState(false);
  const [offlineReady, setOfflineReady] = useState(false);
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<OpinionForm>();
  const photoInput = useRef<HTMLInputElement>(null);

  const refreshQueue = useCallback(async () => setQueue(await entriesOf(receptionId)), [receptionId]);

  const load = useCallback(async () => {
    try {
      const r = await api<ReceptionView>('GET', `/api/receptions/${receptionId}`);
      setReception(r);
      setFromSnapshot(false);
      setLoadError(null);
      await saveSnapshot(r);
    } catch (err) {
      if (err instanceof ApiError && err.status !== 0 && err.status < 500) {
        setLoadError(err.message);
        return;
      }
      setOnline(false);
      const snap = await loadSnapshot(receptionId);
      if (snap) {
        setReception((cur) => cur ?? snap);
        setFromSnapshot(true);
      } else setLoadError(t('receptions.table.noSnapshot'));
    }
  }, [receptionId, t]);

  const sync = useCallback(async () => {
    setSyncing(true);
    try {
      const res = await flush(receptionId);
      setOnline(!res.offline);
      await refreshQueue();
      if (!res.offline) await load();
    } finally {
      setSyncing(false);
    }
  }, [receptionId, refreshQueue, load]);

  useEffect(() => {
    void (async () => {
      await refreshQueue();
      await load();
      await sync();
    })();
    prepareOffline().then(setOfflineReady, () => setOfflineReady(false));
    const goOnline = () => {
      setOnline(true);
      void sync();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    // A bad connection may come back without an "online" event: try again now and then while entries wait.
    const timer = window.setInterval(() => {
      void entriesOf(receptionId).then((q) => {
        if (q.some((e) => !e.error)) void sync();
      });
    }, 15000);
    return () => {
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
      window.clearInterval(timer);
    };
    // Mount only: the callbacks are stable for this reception.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [receptionId]);

  async function add(kind: QueuedEntry['kind'], path: string, body: Record<string, unknown>, label: string) {
    const key = newKey();
    await putEntry({
      key,
      receptionId,
      kind,
      path,
      body: { ...body, idempotencyKey: key },
      label,
      createdAt: new Date().toISOString(),
    });
    await refreshQueue();
    void sync();
  }

  const pending = queue.filter((e) => !e.error);
  const failed = queue.filter((e) => e.error);
  const pendingSignIns = useMemo(
    () => new Set(pending.filter((e) => e.kind === 'signIn').map((e) => Number(e.body.deputyId))),
    [pending],
  );
  const visitors =
    (reception?.visitors ?? 0) +
    pending.filter((e) => e.kind === 'visitors').reduce((n, e) => n + Number(e.body.delta), 0);

  if (loadError && !reception)
    return <Result status="warning" title={loadError} extra={<Link to="/receptions">{t('receptions.back')}</Link>} />;
  if (!reception) return <FullPageSpin />;
  const open = reception.status === 'published';
  const base = `/api/receptions/${receptionId}`;

  async function direct(fn: () => Promise<ReceptionView>, done: string) {
    setBusy(true);
    try {
      const r = await fn();
      setReception(r);
      await saveSnapshot(r);
      message.success(done);
    } catch (err) {
      message.error(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div style={{ padding: 16, maxWidth: 1200, margin: '0 auto' }}>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Link to={`/receptions/${receptionId}`}>{t('receptions.back')}</Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('receptions.table.title')} · {reception.stationName}
          </Typography.Title>
          <StatusTag status={reception.status} />
          <ModeTag mode={reception.mode} />
        </Space>
        <Space wrap>
          <Tag color={online ? 'green' : 'red'} data-testid="network-state">
            {online ? t('receptions.table.online') : t('receptions.table.offline')}
          </Tag>
          <span data-testid="offline-ready" data-ready={offlineReady ? 'true' : 'false'}>
            {offlineReady ? <Tag>{t('receptions.table.offlineReady')}</Tag> : null}
          </span>
          <LanguageSwitch />
          <LargeTextToggle />
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">
        {reception.day} {reception.start}–{reception.end} · {reception.place ?? reception.stationAddress ?? ''}
        {reception.theme ? ` · ${reception.theme}` : ''}
      </Typography.Paragraph>
      {fromSnapshot ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('receptions.table.snapshot')} />
      ) : null}

      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Space>
            <Badge count={pending.length} showZero color={pending.length ? 'orange' : 'green'} />
            <span>{t('receptions.table.unsent')}</span>
            <span data-testid="unsent-count" data-count={pending.length}>
              {t('receptions.table.unsentCount', { n: pending.length })}
            </span>
          </Space>
        }
        extra={
          <Button icon={<CloudSyncOutlined />} loading={syncing} onClick={() => void sync()} data-testid="sync-now">
            {t('receptions.table.syncNow')}
          </Button>
        }
      >
        {queue.length === 0 ? (
          <Typography.Text type="secondary">{t('receptions.table.allSent')}</Typography.Text>
        ) : (
          <List
            size="small"
            data-testid="unsent-list"
            dataSource={[...pending, ...failed]}
            renderItem={(e) => (
              <List.Item
                extra={
                  e.error ? (
                    <Button size="small" onClick={() => void removeEntry(e.key).then(refreshQueue)}>
                      {t('receptions.table.discard')}
                    </Button>
                  ) : null
                }
              >
                <Space>
                  <Tag color={e.error ? 'red' : 'orange'}>
                    {e.error ? t('receptions.table.refused') : t('receptions.table.waiting')}
                  </Tag>
                  <span>{e.label}</span>
                  {e.error ? <Typography.Text type="danger">{e.error}</Typography.Text> : null}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Card>

      <Row gutter={12}>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('receptions.table.signIn')} style={{ marginBottom: 12 }}>
            <List
              dataSource={reception.duty}
              renderItem={(d) => {
                const signed = !!d.signedInAt || pendingSignIns.has(d.deputyId);
                return (
                  <List.Item
                    extra={
                      signed ? (
                        <Tag color={d.signedInAt ? 'green' : 'orange'}>
                          {d.signedInAt
                            ? t('receptions.table.signedAt', {
                                time: new Date(d.signedInAt).toLocaleTimeString(lang, { hour12: false }),
                              })
                            : t('receptions.table.waiting')}
                        </Tag>
                      ) : (
                        <Button
                          type="primary"
                          disabled={!open}
                          data-testid={`sign-in-${d.deputyId}`}
                          onClick={() =>
                            void add(
                              'signIn',
                              `${base}/sign-in`,
                              { deputyId: d.deputyId, at: new Date().toISOString() },
                              t('receptions.table.signInOf', { name: d.name }),
                            )
                          }
                        >
                          {t('receptions.table.signInButton')}
                        </Button>
                      )
                    }
                  >
                    {d.name}
                  </List.Item>
                );
              }}
            />
            <Input.Search
              placeholder={t('receptions.table.scan')}
              aria-label={t('receptions.table.scan')}
              enterButton={t('receptions.table.scanButton')}
              disabled={!open}
              data-testid="qr-input"
              onSearch={(v, _e, info) => {
                if (info?.source === 'clear' || !v.trim()) return;
                void add(
                  'signIn',
                  `${base}/sign-in`,
                  { qrToken: v.trim(), at: new Date().toISOString() },
                  t('receptions.table.scanned'),
                );
              }}
            />
          </Card>
          <Card size="small" title={t('receptions.table.visitors')} style={{ marginBottom: 12 }}>
            <Flex align="center" gap={16}>
              <Button
                size="large"
                icon={<MinusOutlined />}
                aria-label={t('receptions.table.visitorMinus')}
                disabled={!open || visitors <= 0}
                onClick={() =>
                  void add('visitors', `${base}/visitors`, { delta: -1 }, t('receptions.table.visitorMinus'))
                }
              />
              <Typography.Title level={2} style={{ margin: 0 }} data-testid="visitors">
                {visitors}
              </Typography.Title>
              <Button
                size="large"
                type="primary"
                icon={<PlusOutlined />}
                aria-label={t('receptions.table.visitorPlus')}
                data-testid="visitors-plus"
                disabled={!open}
                onClick={() =>
                  void add('visitors', `${base}/visitors`, { delta: 1 }, t('receptions.table.visitorPlus'))
                }
              />
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title={t('receptions.table.opinion')} style={{ marginBottom: 12 }}>
            <Form
              form={form}
              layout="vertical"
              disabled={!open}
              onFinish={(v) => {
                const content = v.content.trim();
                const name = v.name?.trim() || null;
                const phone = v.phone?.trim() || null;
                void add(
                  'opinion',
                  `${base}/opinions`,
                  {
                    content,
                    // Nobody named and no phone: taken as anonymous (the loop needs one or the other).
                    constituent: {
                      anonymous: !!v.anonymous || (!name && !phone),
                      name,
                      phone,
                    },
                  },
                  t('receptions.table.opinionOf', { text: content.slice(0, 30) }),
                ).then(() => {
                  form.resetFields();
                  message.success(t('receptions.table.opinionQueued'));
                });
              }}
            >
              <Form.Item
                name="content"
                label={t('receptions.table.content')}
                rules={[{ required: true, whitespace: true, message: t('receptions.table.contentRequired') }]}
              >
                <Input.TextArea rows={4} maxLength={5000} data-testid="opinion-content" />
              </Form.Item>
              <Row gutter={12}>
                <Col span={10}>
                  <Form.Item name="name" label={t('receptions.table.name')}>
                    <Input maxLength={50} data-testid="opinion-name" />
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item
                    name="phone"
                    label={t('receptions.table.phone')}
                    rules={[{ pattern: /^\+?[0-9][0-9 -]{5,18}[0-9]$/, message: t('receptions.table.phoneInvalid') }]}
                  >
                    <Input maxLength={20} inputMode="tel" data-testid="opinion-phone" />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name="anonymous" valuePropName="checked" label=" ">
                    <Checkbox>{t('receptions.table.anonymous')}</Checkbox>
                  </Form.Item>
                </Col>
              </Row>
              <Button type="primary" htmlType="submit" data-testid="opinion-submit">
                {t('receptions.table.register')}
              </Button>
            </Form>
            {reception.opinions.length ? (
              <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="registered-opinions">
                {t('receptions.table.registered')}：
                {reception.opinions.map((o) => (
                  <Link key={o.id} to={`/opinions/${o.id}`} style={{ marginInlineEnd: 8 }}>
                    {o.receiptCode}
                  </Link>
                ))}
              </Typography.Paragraph>
            ) : null}
          </Card>
          <Card size="small" title={t('receptions.table.appointments')} style={{ marginBottom: 12 }}>
            {reception.appointments.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('receptions.noAppointments')} />
            ) : (
              <List
                size="small"
                dataSource={reception.appointments.filter((a) => a.status !== 'cancelled')}
                renderItem={(a) => (
                  <List.Item
                    actions={[
                      <Space>
                        <Button
                          size="small"
                          type={a.status === 'attended' ? 'primary' : 'default'}
                          disabled={!online || busy}
                          onClick={() =>
                            void direct(
                              () => api('POST', `${base}/appointments/${a.id}/mark`, { status: 'attended' }),
                              t('receptions.saved'),
                            )
                          }
                        >
                          {t('receptions.appt.attended')}
                        </Button>
                        <Button
                          size="small"
                          danger={a.status === 'noShow'}
                          disabled={!online || busy}
                          onClick={() =>
                            void direct(
                              () => api('POST', `${base}/appointments/${a.id}/mark`, { status: 'noShow' }),
                              t('receptions.saved'),
                            )
                          }
                        >
                          {t('receptions.appt.noShow')}
                        </Button>
                      </Space>,
                    ]}
                  >
                    {a.slot} · {a.name} · {a.phone} · {a.topic}
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('receptions.table.record')}>
            <Form layout="vertical">
              <Form.Item label={t('receptions.table.summary')}>
                <Input.TextArea
                  rows={4}
                  maxLength={10000}
                  value={summary ?? reception.summary ?? ''}
                  onChange={(e) => setSummary(e.target.value)}
                  data-testid="record-summary"
                  disabled={reception.status === 'cancelled'}
                />
              </Form.Item>
              <Space wrap>
                <Button
                  disabled={!online || busy || reception.status === 'cancelled'}
                  data-testid="record-save"
                  onClick={() =>
                    void direct(
                      () => api('PUT', `${base}/record`, { summary: summary ?? reception.summary ?? '' }),
                      t('receptions.saved'),
                    )
                  }
                >
                  {t('receptions.table.saveRecord')}
                </Button>
                <Button
                  icon={<CameraOutlined />}
                  disabled={!online || busy || !open}
                  onClick={() => photoInput.current?.click()}
                >
                  {t('receptions.table.photo')}
                </Button>
                <input
                  ref={photoInput}
                  type="file"
                  style={{ display: 'none' }}
                  accept="image/jpeg,image/png,image/webp"
                  aria-label={t('receptions.table.photo')}
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    if (!file) return;
                    const fd = new FormData();
                    fd.append('file', file);
                    void direct(() => api('POST', `${base}/photos`, fd), t('receptions.saved'));
                    e.target.value = '';
                  }}
                />
                <Popconfirm
                  title={t('receptions.table.closeConfirm')}
                  onConfirm={() =>
                    void direct(async () => {
                      await api('PUT', `${base}/record`, { summary: summary ?? reception.summary ?? '' });
                      return api<ReceptionView>('POST', `${base}/close`);
                    }, t('receptions.table.closed'))
                  }
                  okButtonProps={{ ...{ 'data-testid': 'close-confirm' } }}
                >
                  <Button
                    type="primary"
                    danger
                    disabled={!online || busy || !open || pending.length > 0}
                    data-testid="close-reception"
                  >
                    {t('receptions.table.close')}
                  </Button>
                </Popconfirm>
              </Space>
              {pending.length > 0 && open ? (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('receptions.table.closeAfterSync')}
                </Typography.Paragraph>
              ) : null}
            </Form>
            {reception.photos.length ? (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                {t('receptions.table.photos', { n: reception.photos.length })}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
