import { App, Button, Checkbox, Flex, Form, Modal } from 'antd';
import { ApiError } from '../../../app/api-error.js';
import type { StationView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { applyFieldErrors } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { DeputySelect } from '../../deputies/components/DeputySelect.js';
import { useAddMember } from '../api.js';

interface MemberValues {
  deputyId: number;
  isHead: boolean;
}

/** Assigns a deputy to the station (form "member"), optionally as its head. */
export function AddMemberModal({
  station,
  open,
  onClose,
}: {
  station: StationView;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<MemberValues>();
  const add = useAddMember();

  const close = () => {
    add.reset();
    form.resetFields();
    onClose();
  };

  const submit = (values: MemberValues) =>
    add.mutate(
      { id: station.id, deputyId: values.deputyId, isHead: values.isHead },
      {
        onSuccess: () => {
          void message.success(t('stations.memberAdded'));
          close();
        },
        onError: (error) => applyFieldErrors(form, error, ['deputyId', 'isHead']),
      },
    );

  const fieldErrorsShown = add.error instanceof ApiError && add.error.fields.length > 0;

  return (
    <Modal
      open={open}
      title={t('stations.addMemberTitle')}
      onCancel={close}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<MemberValues>
        form={form}
        name="member"
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        initialValues={{ isHead: false }}
      >
        {add.error && !fieldErrorsShown ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={add.error} />
          </div>
        ) : null}
        <Form.Item
          name="deputyId"
          label={t('stations.addMemberDeputy')}
          rules={[{ required: true, message: t('stations.deputyRequired') }]}
        >
          <DeputySelect exclude={station.members.map((m) => m.deputyId)} />
        </Form.Item>
        <Form.Item name="isHead" valuePropName="checked">
          <Checkbox data-testid="add-member-head">{t('stations.addMemberAsHead')}</Checkbox>
        </Form.Item>
        <Flex justify="flex-end" gap={8}>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="add-member-submit">
            {t('stations.addMemberSubmit')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
