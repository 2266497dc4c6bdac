import { App, Button, Flex, Form, Modal } from 'antd';
import { useState } from 'react';
import { actionLabels } from '../../../../../../contracts/suggestions.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { showFieldErrors } from '../../opinions/form-errors.js';
import { useInviteSigners, type SuggestionView } from '../api.js';
import { useLabel } from '../hooks/use-label.js';
import { SignerSelect } from './SignerSelect.js';

/** The lead deputy invites co-signers (联名) to a draft: serving deputies of the congress, found by name or pinyin. */
export function InviteModal({
  open,
  suggestion,
  onClose,
}: {
  open: boolean;
  suggestion: SuggestionView;
  onClose: () => void;
}) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ deputyIds: number[] }>();
  const invite = useInviteSigners(suggestion.id);
  const [onFields, setOnFields] = useState(false);
  const close = () => {
    invite.reset();
    setOnFields(false);
    onClose();
  };
  return (
    <Modal
      open={open}
      title={label(actionLabels.invite)}
      onCancel={close}
      footer={null}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<{ deputyIds: number[] }>
        form={form}
        name="invite"
        layout="vertical"
        requiredMark={false}
        initialValues={{ deputyIds: [] }}
        onFinish={(v) =>
          invite.mutate(v.deputyIds, {
            onSuccess: () => {
              void message.success(t('suggestions.signers.invited'));
              close();
            },
            onError: (error) => setOnFields(showFieldErrors(form, error, ['deputyIds'])),
          })
        }
      >
        {invite.error && !onFields ? (
          <div style={{ marginBottom: 16 }}>
            <ErrorAlert error={invite.error} />
          </div>
        ) : null}
        <Form.Item
          name="deputyIds"
          label={t('suggestions.signers.deputies')}
          extra={t('suggestions.signers.inviteHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('suggestions.form.required') }]}
        >
          <SignerSelect
            suggestionId={suggestion.id}
            exclude={suggestion.signers.map((x) => x.deputyId)}
            data-testid="invite-deputies"
          />
        </Form.Item>
        <Flex justify="flex-end" gap={8} wrap>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={invite.isPending} data-testid="invite-submit">
            {label(actionLabels.invite)}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}
