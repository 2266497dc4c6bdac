import { App, Button, Flex, Form, Modal } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { ApiError } from '../../../app/api-error.js';
import type { OpinionActionName, OpinionView } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { actionBody, actionFieldOf, actionFields, type ActionValues } from '../action-body.js';
import { actionDefaults, rememberSigner } from '../action-defaults.js';
import { refreshOpinion, useOpinionAction, useRequestSignOff } from '../api.js';
import { showFieldErrors } from '../form-errors.js';
import { ActionFields } from './ActionFields.js';

/**
 * One step of the loop in a small form (form "action": fields are #action_reason, …). Field
 * errors from the server land on their fields; a refusal (409: someone else moved the opinion on,
 * or a rule) shows above the form and the opinion is reloaded.
 */
export function ActionModal({
  action,
  opinion,
  onClose,
}: {
  action: OpinionActionName | null;
  opinion: OpinionView;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const step = useOpinionAction(opinion.id);
  const signOff = useRequestSignOff(opinion.id);
  const [online, setOnline] = useState(false);
  const mutation = online ? signOff : step;
  // Whether the last error was all about fields (then it shows beside them, not above the form).
  const [onFields, setOnFields] = useState(false);

  const close = () => {
    step.reset();
    signOff.reset();
    onClose();
  };

  const submit = (values: ActionValues) => {
    if (!action) return;
    const body = actionBody(action, values);
    setOnFields(false);
    const onError = (error: Error) => {
      setOnFields(showFieldErrors(form, error, actionFields[action], (f) => actionFieldOf(action, f)));
      if (error instanceof ApiError && error.status === 409) refreshOpinion(opinion.id);
    };
    // Signed online: the assignment waits in the head's queue instead of being made now.
    if ((body.action === 'assign' || body.action === 'reassign') && values.signOff === 'online') {
      setOnline(true);
      const { leadUnitId, coUnitIds, deadlineDays, note } = body;
      signOff.mutate(
        { action: body.action, leadUnitId, coUnitIds, deadlineDays, note },
        {
          onSuccess: () => {
            void message.success(t('opinions.form.signOffRequested'));
            close();
          },
          onError,
        },
      );
      return;
    }
    setOnline(false);
    step.mutate(body, {
      onSuccess: () => {
        if ((body.action === 'assign' || body.action === 'reassign') && body.signedBy) rememberSigner(body.signedBy);
        void message.success(t('opinions.form.done', { action: t(`opinionAction.${action}`) }));
        close();
      },
      onError,
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      // Not to the field as well: a picker would take Enter as choosing its highlighted option.
      e.preventDefault();
      e.stopPropagation();
      form.submit();
    }
  };

  const error = mutation.error;
  const wide = action === 'assign' || action === 'reassign' || action === 'rate';

  return (
    <Modal
      open={action !== null}
      title={action ? t(`opinionAction.${action}`) : ''}
      onCancel={close}
      footer={null}
      width={wide ? 680 : 540}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {action ? (
        <div onKeyDownCapture={onKeyDown}>
          <Form<ActionValues>
            form={form}
            name="action"
            layout="vertical"
            requiredMark={false}
            onFinish={submit}
            initialValues={actionDefaults(action, opinion)}
          >
            {error && !onFields ? (
              <div style={{ marginBottom: 16 }} data-testid="action-error">
                <ErrorAlert error={error} />
              </div>
            ) : null}
            <ActionFields action={action} opinion={opinion} form={form} />
            <Flex justify="flex-end" gap={8}>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button
                type="primary"
                htmlType="submit"
                loading={mutation.isPending}
                danger={action === 'reject'}
                data-testid="action-submit"
              >
                {t(`opinionAction.${action}`)}
              </Button>
            </Flex>
          </Form>
        </div>
      ) : null}
    </Modal>
  );
}
