import { App, Button, Flex, Form, Input, Modal, Switch } from 'antd';
import { useEffect } from 'react';
import { ApiError } from '../../../app/api-error.js';
import type { InformantView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useSaveInformant } from '../api.js';

interface InformantValues {
  name: string;
  phone?: string;
  community?: string;
  active: boolean;
}

/** Enlists (no `informant`) or edits an informant; form "informant", so fields are #informant_name … */
export function InformantFormModal({
  stationId,
  open,
  informant,
  onClose,
}: {
  stationId: number;
  open: boolean;
  informant?: InformantView;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<InformantValues>();
  const save = useSaveInformant(stationId);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form, informant]);

  const close = () => {
    save.reset();
    onClose();
  };
  const submit = (v: InformantValues) => {
    const phone = v.phone?.trim();
    const body = {
      name: v.name.trim(),
      community: v.community?.trim() || null,
      active: v.active,
      // Editing: an empty phone keeps the number on record.
      ...(phone ? { phone } : informant ? {} : { phone: null }),
    };
    save.mutate(
      { id: informant?.id, body },
      {
        onSuccess: () => {
          void message.success(t('stations.informant.saved'));
          close();
        },
        onError: (e) => applyFieldErrors(form, e, ['name', 'phone', 'community', 'active']),
      },
    );
  };
  const fieldErrorsShown = save.error instanceof ApiError && save.error.fields.length > 0;

  return (
    <Modal
      open={open}
      title={informant ? t('stations.informantEdit') : t('stations.informantAdd')}
      onCancel={close}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<InformantValues>
        form={form}
        name="informant"
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        initialValues={
          informant
            ? { name: informant.name, community: informant.community ?? '', active: informant.active }
            : { active: true }
        }
      >
        {save.error && !fieldErrorsShown ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={save.error} />
          </div>
        ) : null}
        <Form.Item
          name="name"
          label={t('stations.informant.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input maxLength={50} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('stations.informant.phone')}
          extra={
            informant?.phoneMasked
              ? t('stations.informant.phoneKeep', { masked: informant.phoneMasked })
              : t('stations.informant.phoneHelp')
          }
        >
          <Input maxLength={20} autoComplete="off" inputMode="tel" />
        </Form.Item>
        <Form.Item name="community" label={t('stations.informant.community')}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item name="active" label={t('stations.informant.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="informant-submit">
            {informant ? t('stations.submitSave') : t('stations.submitCreate')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
