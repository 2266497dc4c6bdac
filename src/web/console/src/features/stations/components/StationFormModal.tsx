import { App, Button, Col, Flex, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../../app/api-error.js';
import type { ReceptionRule, StationInput, StationKind, StationPatch, StationView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useOrgs } from '../../orgs/api.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { RegionTreeSelect } from '../../regions/components/RegionTreeSelect.js';
import { stationKinds, useCreateStation, useUpdateStation } from '../api.js';
import { ReceptionRuleEditor } from './ReceptionRuleEditor.js';

interface StationValues {
  parentId?: number;
  name: string;
  code?: string | null;
  kind: StationKind;
  regionCodes: string[];
  receptionSchedule?: ReceptionRule | null;
  domain?: string | null;
  address?: string | null;
  openingHours?: string | null;
  receptionRule?: string | null;
  publishedRules?: string | null;
  publishedWorkflow?: string | null;
  onlineEnabled: boolean;
  active: boolean;
}

const fields = [
  'parentId',
  'name',
  'code',
  'kind',
  'domain',
  'regionCode',
  'regionCodes',
  'receptionSchedule',
  'address',
  'latitude',
  'longitude',
  'openingHours',
  'receptionRule',
  'publishedRules',
  'publishedWorkflow',
  'onlineEnabled',
  'active',
] as const;

/** Trimmed text, or null when left empty. */
const text = (value: string | null | undefined) => value?.trim() || null;

function initialValues(station: StationView | undefined): Partial<StationValues> {
  if (!station) return { kind: 'workstation', onlineEnabled: true, active: true, regionCodes: [] };
  return {
    parentId: station.parentId ?? undefined,
    name: station.name,
    code: station.code,
    kind: station.kind,
    regionCodes: station.regions.map((g) => g.code),
    receptionSchedule: station.receptionSchedule,
    domain: station.domain,
    address: station.address,
    openingHours: station.openingHours,
    receptionRule: station.receptionRule,
    publishedRules: station.publishedRules,
    publishedWorkflow: station.publishedWorkflow,
    onlineEnabled: station.onlineEnabled,
    active: station.active,
  };
}

/** Opens a station (no `station`) or edits one; form "station", so fields are #station_name, #station_kind … */
export function StationFormModal({
  open,
  station,
  onClose,
  onSaved,
}: {
  open: boolean;
  station?: StationView;
  onClose: () => void;
  onSaved: (station: StationView) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<StationValues>();
  const kind = Form.useWatch('kind', form);
  const parentId = Form.useWatch('parentId', form);
  const orgs = useOrgs(open);
  // The covered regions are picked below the region of the committee the station belongs to.
  const regionRoot = station ? station.regionCode : (orgs.data?.find((o) => o.id === parentId)?.regionCode ?? null);
  const create = useCreateStation();
  const update = useUpdateStation();
  const mutation = station ? update : create;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form, station]);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const done = (saved: StationView) => {
    void message.success(t(station ? 'stations.saved' : 'stations.created'));
    create.reset();
    update.reset();
    onSaved(saved);
  };

  const submit = (values: StationValues) => {
    const common = {
      name: values.name.trim(),
      code: text(values.code),
      kind: values.kind,
      regionCodes: values.regionCodes ?? [],
      receptionSchedule: values.receptionSchedule ?? null,
      domain: values.kind === 'professional' ? text(values.domain) : null,
      address: text(values.address),
      openingHours: text(values.openingHours),
      receptionRule: text(values.receptionRule),
      publishedRules: text(values.publishedRules),
      publishedWorkflow: text(values.publishedWorkflow),
      onlineEnabled: values.onlineEnabled,
    };
    const onError = (error: Error) => applyFieldErrors(form, error, fields);
    if (station) {
      const patch: StationPatch = { ...common, active: values.active };
      update.mutate({ id: station.id, patch }, { onSuccess: done, onError });
    } else {
      const body: StationInput = { parentId: values.parentId ?? 0, ...common };
      create.mutate(body, { onSuccess: done, onError });
    }
  };

  const fieldErrorsShown = mutation.error instanceof ApiError && mutation.error.fields.length > 0;
  const required = { required: true, message: t('common.required') };

  return (
    <Modal
      open={open}
      title={station ? t('stations.editTitle') : t('stations.create')}
      onCancel={close}
      footer={null}
      width={820}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<StationValues>
        form={form}
        name="station"
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={initialValues(station)}
      >
        {mutation.error && !fieldErrorsShown ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={mutation.error} />
          </div>
        ) : null}
        {station ? null : (
          <Form.Item
            name="parentId"
            label={t('stations.field.parent')}
            extra={t('stations.field.parentHelp')}
            rules={[{ required: true, message: t('stations.parentRequired') }]}
          >
            <OrgTreeSelect />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="name" label={t('stations.field.name')} rules={[{ ...required, whitespace: true }]}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="code" label={t('stations.field.code')} tooltip={t('stations.field.codeHelp')}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="kind"
              label={t('stations.field.kind')}
              rules={[{ required: true, message: t('stations.kindRequired') }]}
            >
              <Select<StationKind> options={stationKinds.map((k) => ({ value: k, label: t(`stationKind.${k}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        {kind === 'professional' ? (
          <Form.Item
            name="domain"
            label={t('stations.field.domain')}
            extra={t('stations.field.domainHelp')}
            rules={[{ ...required, whitespace: true }]}
          >
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        ) : null}
        <Form.Item name="regionCodes" label={t('stations.field.regions')} extra={t('stations.field.regionsHelp')}>
          <RegionTreeSelect multiple rootCode={regionRoot} />
        </Form.Item>
        <Form.Item name="address" label={t('stations.field.address')}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="openingHours"
          label={t('stations.field.openingHours')}
          extra={t('stations.field.openingHoursHelp')}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="receptionSchedule"
          label={t('stations.field.schedule')}
          extra={t('stations.field.scheduleHelp')}
        >
          <ReceptionRuleEditor />
        </Form.Item>
        <Form.Item
          name="receptionRule"
          label={t('stations.field.receptionNote')}
          extra={t('stations.field.receptionNoteHelp')}
        >
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="publishedRules" label={t('stations.field.rules')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        <Form.Item name="publishedWorkflow" label={t('stations.field.workflow')}>
          <Input.TextArea maxLength={5000} autoSize={{ minRows: 2, maxRows: 8 }} />
        </Form.Item>
        <Flex gap={32} wrap>
          <Form.Item name="onlineEnabled" label={t('stations.field.online')} valuePropName="checked">
            <Switch />
          </Form.Item>
          {station ? (
            <Form.Item name="active" label={t('stations.field.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          ) : null}
        </Flex>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="station-submit">
            {station ? t('stations.submitSave') : t('stations.submitCreate')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
