import { App, Button, Col, Flex, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../../app/api-error.js';
import type { ManagedOrgKind, OrgView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { RegionTreeSelect } from '../../regions/components/RegionTreeSelect.js';
import { managedOrgKinds, useCreateOrg, useOrgs, useUpdateOrg } from '../api.js';
import { OrgTreeSelect } from './OrgTreeSelect.js';

interface OrgValues {
  parentId?: number;
  name: string;
  kind: ManagedOrgKind;
  code?: string | null;
  regionCode?: string | null;
  contactPerson?: string | null;
  contactPhone?: string | null;
  active: boolean;
}

/** What a new body below `parentKind` most likely is: a bureau of the district, an office of the street. */
function defaultKindBelow(parentKind: OrgView['kind'] | undefined, kinds: readonly ManagedOrgKind[]): ManagedOrgKind {
  const likely: ManagedOrgKind =
    parentKind === 'standingCommittee'
      ? 'department'
      : parentKind === 'streetWorkingCommittee' || parentKind === 'townshipPresidium'
        ? 'streetOffice'
        : 'other';
  return kinds.includes(likely) ? likely : kinds[0]!;
}

const fields = ['parentId', 'name', 'kind', 'code', 'regionCode', 'contactPerson', 'contactPhone', 'active'] as const;
const text = (value: string | null | undefined) => value?.trim() || null;

/**
 * Creates a body (no `org`; optionally below `parentId`, of `kind`) or edits one. Form "org", so
 * fields are #org_name, #org_kind …
 */
export function OrgFormModal({
  open,
  org,
  parentId,
  kind,
  kinds = managedOrgKinds,
  onClose,
  onSaved,
}: {
  open: boolean;
  org?: OrgView;
  parentId?: number;
  kind?: ManagedOrgKind;
  kinds?: readonly ManagedOrgKind[];
  onClose: () => void;
  onSaved?: (org: OrgView) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgValues>();
  const create = useCreateOrg();
  const update = useUpdateOrg();
  const mutation = org ? update : create;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form, org, parentId]);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const done = (saved: OrgView) => {
    void message.success(t(org ? 'orgs.saved' : 'orgs.created'));
    create.reset();
    update.reset();
    onSaved?.(saved);
    onClose();
  };

  const submit = (v: OrgValues) => {
    const common = {
      name: v.name.trim(),
      kind: v.kind,
      code: text(v.code),
      regionCode: v.regionCode ?? null,
      contactPerson: text(v.contactPerson),
      contactPhone: text(v.contactPhone),
    };
    const onError = (error: Error) => applyFieldErrors(form, error, fields);
    if (org) update.mutate({ id: org.id, patch: { ...common, active: v.active } }, { onSuccess: done, onError });
    else create.mutate({ parentId: v.parentId ?? 0, ...common }, { onSuccess: done, onError });
  };

  const orgs = useOrgs(open && !org);
  const parent = orgs.data?.find((o) => o.id === parentId);
  const fieldErrorsShown = mutation.error instanceof ApiError && mutation.error.fields.length > 0;
  const initial: Partial<OrgValues> = org
    ? {
        name: org.name,
        kind: org.kind === 'station' ? 'other' : org.kind,
        code: org.code,
        regionCode: org.regionCode,
        contactPerson: org.contactPerson,
        contactPhone: org.contactPhone,
        active: org.active,
      }
    : { parentId, kind: kind ?? defaultKindBelow(parent?.kind, kinds), active: true };

  return (
    <Modal
      open={open}
      title={org ? t('orgs.editTitle') : t('orgs.create')}
      onCancel={close}
      footer={null}
      width={640}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<OrgValues>
        form={form}
        name="org"
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={initial}
      >
        {mutation.error && !fieldErrorsShown ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={mutation.error} />
          </div>
        ) : null}
        {org ? null : (
          <Form.Item
            name="parentId"
            label={t('orgs.field.parent')}
            rules={[{ required: true, message: t('orgs.parentRequired') }]}
          >
            <OrgTreeSelect />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item
              name="name"
              label={t('orgs.field.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item
              name="kind"
              label={t('orgs.field.kind')}
              rules={[{ required: true, message: t('orgs.kindRequired') }]}
            >
              <Select<ManagedOrgKind> options={kinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="code" label={t('orgs.field.code')} extra={t('orgs.field.codeHelp')}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="regionCode" label={t('orgs.field.region')} extra={t('orgs.field.regionHelp')}>
              <RegionTreeSelect />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="contactPerson" label={t('orgs.field.contactPerson')}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="contactPhone" label={t('orgs.field.contactPhone')} extra={t('orgs.field.contactHelp')}>
              <Input maxLength={20} autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        {org ? (
          <Form.Item
            name="active"
            label={t('orgs.field.active')}
            extra={t('orgs.field.activeHelp')}
            valuePropName="checked"
          >
            <Switch data-testid="org-active" />
          </Form.Item>
        ) : null}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="org-submit">
            {org ? t('stations.submitSave') : t('stations.submitCreate')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
