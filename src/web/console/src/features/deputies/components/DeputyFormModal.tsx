import { App, Button, Checkbox, Col, Flex, Form, Input, InputNumber, Modal, Radio, Row, Select, Switch } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../../app/api-error.js';
import type { DeputyInput, DeputyLevel, DeputyPatch, DeputyView, Election } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { deputyLevels, elections, useCreateDeputy, useUpdateDeputy } from '../api.js';

type Sex = NonNullable<DeputyView['sex']>;

interface DeputyValues {
  orgId?: number;
  name: string;
  sex?: Sex | null;
  birthYear?: number | null;
  ethnicity?: string | null;
  party?: string | null;
  occupation?: string | null;
  levels: DeputyLevel[];
  election: Election;
  constituency?: string | null;
  terms?: string[];
  isLeadingCadre: boolean;
  publicContact?: string | null;
  privatePhone?: string | null;
}

const fields = [
  'orgId',
  'name',
  'sex',
  'birthYear',
  'ethnicity',
  'party',
  'occupation',
  'levels',
  'election',
  'constituency',
  'terms',
  'isLeadingCadre',
  'publicContact',
  'privatePhone',
  'status',
] as const;

/** Trimmed text, or null when left empty. */
const text = (value: string | null | undefined) => value?.trim() || null;

function initialValues(deputy: DeputyView | undefined): Partial<DeputyValues> {
  if (!deputy) return { levels: ['county'], election: 'direct', isLeadingCadre: false };
  return {
    orgId: deputy.orgId,
    name: deputy.name,
    sex: deputy.sex,
    birthYear: deputy.birthYear,
    ethnicity: deputy.ethnicity,
    party: deputy.party,
    occupation: deputy.occupation,
    levels: deputy.levels,
    election: deputy.election,
    constituency: deputy.constituency,
    terms: deputy.terms,
    isLeadingCadre: deputy.isLeadingCadre,
    publicContact: deputy.publicContact,
  };
}

function toInput(values: DeputyValues): Omit<DeputyInput, 'orgId'> {
  return {
    name: values.name.trim(),
    sex: values.sex ?? null,
    birthYear: values.birthYear ?? null,
    ethnicity: text(values.ethnicity),
    party: text(values.party),
    occupation: text(values.occupation),
    levels: values.levels,
    election: values.election,
    constituency: text(values.constituency),
    terms: (values.terms ?? []).map((x) => x.trim()).filter(Boolean),
    isLeadingCadre: values.isLeadingCadre,
    publicContact: text(values.publicContact),
  };
}

/** Only what changed, so that the audit trail names the fields really edited. */
function patchOf(deputy: DeputyView, values: DeputyValues): DeputyPatch {
  const next = toInput(values);
  const patch: DeputyPatch = {};
  const before: Record<string, unknown> = { ...deputy };
  for (const [key, value] of Object.entries(next)) {
    const same = Array.isArray(value)
      ? JSON.stringify(value) === JSON.stringify(before[key])
      : value === (before[key] ?? null);
    if (!same) Object.assign(patch, { [key]: value });
  }
  if (values.orgId !== undefined && values.orgId !== deputy.orgId) patch.orgId = values.orgId;
  const phone = text(values.privatePhone);
  if (phone) patch.privatePhone = phone;
  return patch;
}

/** Registers a deputy (no `deputy`) or edits one; form "deputy", so fields are #deputy_name, #deputy_orgId … */
export function DeputyFormModal({
  open,
  deputy,
  onClose,
  onSaved,
}: {
  open: boolean;
  deputy?: DeputyView;
  onClose: () => void;
  onSaved: (deputy: DeputyView) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeputyValues>();
  const create = useCreateDeputy();
  const update = useUpdateDeputy();
  const mutation = deputy ? update : create;

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form, deputy]);

  const close = () => {
    create.reset();
    update.reset();
    onClose();
  };

  const done = (saved: DeputyView) => {
    void message.success(t(deputy ? 'deputies.saved' : 'deputies.created'));
    create.reset();
    update.reset();
    onSaved(saved);
  };

  const submit = (values: DeputyValues) => {
    const onError = (error: Error) => applyFieldErrors(form, error, fields);
    if (deputy) {
      const patch = patchOf(deputy, values);
      if (Object.keys(patch).length === 0) return close();
      update.mutate({ id: deputy.id, patch }, { onSuccess: done, onError });
    } else {
      const body: DeputyInput = {
        orgId: values.orgId ?? 0,
        ...toInput(values),
        privatePhone: text(values.privatePhone),
      };
      create.mutate(body, { onSuccess: done, onError });
    }
  };

  const fieldErrorsShown = mutation.error instanceof ApiError && mutation.error.fields.length > 0;
  const short = { maxLength: 30, autoComplete: 'off' };

  return (
    <Modal
      open={open}
      title={deputy ? t('deputies.editTitle') : t('deputies.create')}
      onCancel={close}
      footer={null}
      width={760}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<DeputyValues>
        form={form}
        name="deputy"
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={initialValues(deputy)}
      >
        {mutation.error && !fieldErrorsShown ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={mutation.error} />
          </div>
        ) : null}
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('deputies.field.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }]}
            >
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="orgId"
              label={t('deputies.field.org')}
              tooltip={t('deputies.field.orgHelp')}
              rules={[{ required: true, message: t('deputies.orgRequired') }]}
            >
              <OrgTreeSelect />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="levels"
          label={t('deputies.field.levels')}
          rules={[{ required: true, type: 'array', min: 1, message: t('deputies.levelsRequired') }]}
        >
          <Checkbox.Group options={deputyLevels.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="election" label={t('deputies.field.election')}>
              <Radio.Group options={elections.map((e) => ({ value: e, label: t(`election.${e}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="constituency" label={t('deputies.field.constituency')}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="sex" label={t('deputies.field.sex')}>
              <Select<Sex>
                allowClear
                options={[
                  { value: 'male', label: t('sex.male') },
                  { value: 'female', label: t('sex.female') },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="birthYear" label={t('deputies.field.birthYear')}>
              <InputNumber min={1900} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="ethnicity" label={t('deputies.field.ethnicity')}>
              <Input {...short} maxLength={20} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="party" label={t('deputies.field.party')}>
              <Input {...short} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="occupation" label={t('deputies.field.occupation')}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="terms" label={t('deputies.field.term')} extra={t('deputies.field.termsHelp')}>
              <Select<string[]>
                mode="tags"
                tokenSeparators={['、', ',', '，']}
                open={false}
                suffixIcon={null}
                maxCount={10}
                options={[]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="isLeadingCadre" label={t('deputies.field.leadingCadre')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="publicContact"
              label={t('deputies.field.publicContact')}
              extra={t('deputies.field.publicContactHelp')}
            >
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="privatePhone"
              label={t('deputies.field.privatePhone')}
              extra={
                deputy?.privatePhoneMasked
                  ? t('deputies.field.privatePhoneKeep', { masked: deputy.privatePhoneMasked })
                  : t('deputies.field.privatePhoneHelp')
              }
            >
              <Input maxLength={20} autoComplete="off" inputMode="tel" />
            </Form.Item>
          </Col>
        </Row>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={mutation.isPending} data-testid="deputy-submit">
            {deputy ? t('deputies.submitSave') : t('deputies.submitCreate')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
