import { UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Form, Input, Row, Select, Switch, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { phonePattern } from '../../../../../../contracts/phone.js';
import { ApiError } from '../../../app/api-error.js';
import type { Channel, Me, OrgView, RegisterOpinionInput } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useNarrow } from '../../../app/use-narrow.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useMe } from '../../../app/session.js';
import { useDebounced } from '../../../app/use-debounced.js';
import { useHints, useInformants, useRegisterOpinion, useStations } from '../api.js';
import { showFieldErrors } from '../form-errors.js';
import { newIdempotencyKey } from '../idempotency.js';
import { channels } from '../values.js';
import { CategorySuggestions } from './CategorySuggestions.js';
import { CategoryTreeSelect } from './CategoryTreeSelect.js';
import { DeputiesSelect } from './DeputiesSelect.js';
import { DuplicatesPanel } from './DuplicatesPanel.js';
import { ReceiptCard, type Receipt } from './ReceiptCard.js';
import { StationSelect } from './StationSelect.js';

interface RegisterValues {
  orgId?: number;
  channel: Channel;
  informantId?: number;
  content?: string;
  categoryId?: number;
  location?: string;
  anonymous: boolean;
  name?: string;
  phone?: string;
  address?: string;
  deputyIds: number[];
}

const fields = [
  'orgId',
  'channel',
  'informantId',
  'content',
  'categoryId',
  'location',
  'anonymous',
  'name',
  'phone',
  'address',
  'deputyIds',
] as const;
/** What "next" clears; the station, the channel and the deputies at the table stay. */
const perConstituent = ['content', 'categoryId', 'location', 'anonymous', 'name', 'phone', 'address'] as const;

const text = (value: string | undefined) => value?.trim() || null;

/** The user's own station: the one they belong to, else one a role of theirs is held on, else the only one. */
function defaultStation(me: Me, stations: readonly OrgView[]): number | undefined {
  const ids = new Set(stations.map((s) => s.id));
  if (ids.has(me.orgId)) return me.orgId;
  const byRole = me.roles.find((r) => ids.has(r.orgId));
  if (byRole) return byRole.orgId;
  return stations.length === 1 ? stations[0]!.id : undefined;
}

/**
 * /console/opinions/new: registering an opinion at the table, keyboard only. The content has the
 * focus; Alt+1…4 takes a suggested category; Ctrl+Enter registers; the receipt code then shows
 * large, and "next" clears the constituent's part with the focus back in the content.
 */
export function RegisterOpinionPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [form] = Form.useForm<RegisterValues>();
  const register = useRegisterOpinion();
  const stations = useStations();
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  // One key per opinion, kept until the server has it: a retry after a lost answer is not a second opinion.
  const idempotencyKey = useRef<string | null>(null);
  const contentInput = useRef<InputRef>(null);
  const narrow = useNarrow();

  const orgId = Form.useWatch('orgId', form);
  const content = Form.useWatch('content', form) ?? '';
  const categoryId = Form.useWatch('categoryId', form);
  const anonymous = Form.useWatch('anonymous', form) ?? false;
  const channel = Form.useWatch('channel', form);
  const informants = useInformants(orgId, channel === 'informant');
  const typed = useDebounced(content, 400);
  const hints = useHints({ orgId, text: typed });
  // Nothing from the previous constituent's text once the box is cleared (the query keeps its last answer).
  const hinted = content.trim().length >= 2 ? hints.data : undefined;
  const suggestions = hinted?.categories ?? [];

  useEffect(() => {
    if (!stations.data || form.getFieldValue('orgId')) return;
    const station = defaultStation(me, stations.data);
    if (station) form.setFieldValue('orgId', station);
  }, [stations.data, me, form]);

  const submit = (values: RegisterValues) => {
    idempotencyKey.current ??= newIdempotencyKey();
    const body: RegisterOpinionInput = {
      orgId: values.orgId ?? 0,
      channel: values.channel,
      informantId: values.channel === 'informant' ? (values.informantId ?? null) : null,
      content: (values.content ?? '').trim(),
      location: text(values.location),
      categoryId: values.categoryId ?? null,
      deputyIds: values.deputyIds ?? [],
      constituent: values.anonymous
        ? { anonymous: true }
        : { anonymous: false, name: text(values.name), phone: text(values.phone), address: text(values.address) },
      idempotencyKey: idempotencyKey.current,
    };
    register.mutate(body, {
      onSuccess: (result) => {
        idempotencyKey.current = null;
        setReceipt({
          id: result.id,
          receiptCode: result.receiptCode,
          stationName: stations.data?.find((s) => s.id === body.orgId)?.name ?? '',
          at: new Date().toISOString(),
        });
      },
      onError: (error) => showFieldErrors(form, error, fields),
    });
  };

  // Back from the receipt (and on arrival): the officer types the next content at once.
  useEffect(() => {
    if (!receipt) contentInput.current?.focus();
  }, [receipt]);

  const next = () => {
    form.resetFields([...perConstituent]);
    register.reset();
    setReceipt(null);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      // Not to the field as well: a picker would take Enter as choosing its highlighted option.
      e.preventDefault();
      e.stopPropagation();
      form.submit();
      return;
    }
    const digit = /^Digit([1-4])$/.exec(e.code);
    if (digit && e.altKey && !e.ctrlKey && !e.metaKey) {
      const pick = suggestions[Number(digit[1]) - 1];
      if (pick) {
        e.preventDefault();
        form.setFieldValue('categoryId', pick.id);
      }
    }
  };

  const error = register.error;
  const fieldErrorsShown = error instanceof ApiError && error.fields.length > 0;
  const required = (message: string) => ({ required: true, whitespace: true, message });

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<UnorderedListOutlined />} onClick={() => void navigate('/opinions')}>
            {t('opinions.back')}
          </Button>
        }
      >
        {t('opinions.new.title')}
      </PageTitle>
      {receipt ? <ReceiptCard receipt={receipt} onNext={next} /> : null}
      {/* Kept mounted under the receipt: the station, channel and deputies carry over to the next one. */}
      <div hidden={!!receipt}>
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Card>
              <div onKeyDownCapture={onKeyDown}>
                <Form<RegisterValues>
                  form={form}
                  name="opinion"
                  layout="vertical"
                  requiredMark={false}
                  onFinish={submit}
                  initialValues={{ channel: 'reception', anonymous: false, deputyIds: [] }}
                >
                  {error && !fieldErrorsShown ? (
                    <div style={{ marginBottom: 16 }}>
                      <ErrorAlert
                        error={error}
                        extra={
                          error instanceof ApiError && error.status === 0 ? (
                            <Typography.Paragraph style={{ marginBottom: 4 }}>
                              {t('opinions.new.retrySafe')}
                            </Typography.Paragraph>
                          ) : null
                        }
                      />
                    </div>
                  ) : null}
                  <Row gutter={16}>
                    <Col xs={24} md={14}>
                      <Form.Item
                        name="orgId"
                        label={t('opinions.new.station')}
                        rules={[{ required: true, message: t('opinions.new.stationRequired') }]}
                      >
                        <StationSelect />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item name="channel" label={t('opinions.new.channel')}>
                        <Select<Channel>
                          data-testid="opinion_channel"
                          options={channels.map((c) => ({ value: c, label: t(`opinionChannel.${c}`) }))}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  {channel === 'informant' ? (
                    <Form.Item
                      name="informantId"
                      label={t('opinions.new.informant')}
                      rules={[{ required: true, message: t('opinions.new.informantRequired') }]}
                    >
                      <Select<number>
                        data-testid="opinion_informantId"
                        showSearch={{ optionFilterProp: 'label' }}
                        loading={informants.isPending}
                        notFoundContent={t('opinions.new.noInformants')}
                        options={(informants.data ?? []).map((i) => ({
                          value: i.id,
                          label: i.community ? `${i.name} · ${i.community}` : i.name,
                        }))}
                      />
                    </Form.Item>
                  ) : null}
                  <Form.Item
                    name="content"
                    label={t('opinions.new.content')}
                    rules={[required(t('opinions.new.contentRequired'))]}
                    style={{ marginBottom: 8 }}
                  >
                    <Input.TextArea
                      ref={contentInput}
                      autoFocus
                      data-testid="opinion_content"
                      placeholder={t('opinions.new.contentPlaceholder')}
                      maxLength={5000}
                      autoSize={{ minRows: 4, maxRows: 12 }}
                    />
                  </Form.Item>
                  <CategorySuggestions
                    suggestions={suggestions}
                    chosen={categoryId}
                    onTake={(id) => form.setFieldValue('categoryId', id)}
                  />
                  <Row gutter={16}>
                    <Col xs={24} md={12}>
                      <Form.Item name="categoryId" label={t('opinions.new.category')}>
                        {/* No clear button: it would be one more Tab stop at the table (antd makes it focusable). */}
                        <CategoryTreeSelect data-testid="opinion_categoryId" placeholder=" " />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={12}>
                      <Form.Item name="location" label={t('opinions.new.location')}>
                        <Input maxLength={200} autoComplete="off" data-testid="opinion_location" />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Row gutter={16}>
                    <Col xs={24} md={5}>
                      <Form.Item
                        name="anonymous"
                        label={t('opinions.new.anonymous')}
                        valuePropName="checked"
                        tooltip={t('opinions.new.anonymousHelp')}
                      >
                        <Switch data-testid="opinion_anonymous" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={9}>
                      <Form.Item
                        name="name"
                        label={t('opinions.new.name')}
                        dependencies={['anonymous', 'phone']}
                        rules={[
                          ({ getFieldValue }) => ({
                            validator: (_, value: string | undefined) =>
                              getFieldValue('anonymous') || text(value) || text(getFieldValue('phone'))
                                ? Promise.resolve()
                                : Promise.reject(new Error(t('opinions.new.contactRequired'))),
                          }),
                        ]}
                      >
                        <Input maxLength={50} autoComplete="off" disabled={anonymous} data-testid="opinion_name" />
                      </Form.Item>
                    </Col>
                    <Col xs={24} md={10}>
                      <Form.Item
                        name="phone"
                        label={t('opinions.new.phone')}
                        rules={[{ pattern: phonePattern, message: t('opinions.new.phoneInvalid') }]}
                      >
                        <Input
                          maxLength={20}
                          inputMode="tel"
                          autoComplete="off"
                          disabled={anonymous}
                          data-testid="opinion_phone"
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                  <Form.Item name="address" label={t('opinions.new.address')}>
                    <Input maxLength={200} autoComplete="off" disabled={anonymous} data-testid="opinion_address" />
                  </Form.Item>
                  <Form.Item name="deputyIds" label={t('opinions.new.deputies')}>
                    {/* Its list closes under the receipt (it would float over it). */}
                    <DeputiesSelect data-testid="opinion_deputyIds" closed={!!receipt} />
                  </Form.Item>
                  <Flex align="center" gap={16} wrap>
                    <Button
                      type="primary"
                      htmlType="submit"
                      size="large"
                      loading={register.isPending}
                      data-testid="register-submit"
                    >
                      {t('opinions.new.submit')}
                    </Button>
                    {/* Keyboard hints are for the desk; a phone has no Ctrl or Alt. */}
                    {narrow ? null : <Typography.Text type="secondary">{t('opinions.new.keys')}</Typography.Text>}
                  </Flex>
                </Form>
              </div>
            </Card>
          </Col>
          <Col xs={24} xl={9}>
            <DuplicatesPanel duplicates={hinted?.duplicates ?? []} loading={hints.isFetching} />
          </Col>
        </Row>
      </div>
    </>
  );
}
