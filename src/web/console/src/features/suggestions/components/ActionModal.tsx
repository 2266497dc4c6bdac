import { App, Button, Flex, Form, Modal } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import type { SuggestionActionName } from '../../../../../../contracts/suggestions.js';
import { ApiError } from '../../../app/api-error.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { showFieldErrors } from '../../opinions/form-errors.js';
import { actionBody, actionFields, type ActionValues } from '../action-body.js';
import { actionDefaults } from '../action-defaults.js';
import { refreshSuggestion, useSuggestionAction, type SuggestionView } from '../api.js';
import { useStepLabel } from '../hooks/use-step-label.js';
import { dangerousActions } from '../values.js';
import { ActionFields } from './ActionFields.js';

/**
 * One step in a small form (form "action": fields are #action_reason, …). Field errors from the
 * server land on their fields; a refusal (409: someone else moved it on, or a rule) shows above
 * the form and the suggestion is reloaded.
 */
export function ActionModal({
  action,
  suggestion,
  onClose,
}: {
  action: SuggestionActionName | null;
  suggestion: SuggestionView;
  onClose: () => void;
}) {
  const t = useT();
  const stepLabel = useStepLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActionValues>();
  const mutation = useSuggestionAction(suggestion.id);
  const [onFields, setOnFields] = useState(false);

  const close = () => {
    mutation.reset();
    setOnFields(false);
    onClose();
  };

  const submit = (values: ActionValues) => {
    if (!action) return;
    setOnFields(false);
    mutation.mutate(actionBody(action, values), {
      onSuccess: () => {
        void message.success(t('suggestions.form.done', { action: stepLabel(action, suggestion) }));
        close();
      },
      onError: (error) => {
        setOnFields(showFieldErrors(form, error, actionFields[action]));
        if (error instanceof ApiError && error.status === 409) refreshSuggestion(suggestion.id);
      },
    });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      form.submit();
    }
  };

  const error = mutation.error;
  const wide = action === 'assign' || action === 'answer' || action === 'consult' || action === 'notAccept';

  return (
    <Modal
      open={action !== null}
      title={action ? stepLabel(action, suggestion) : ''}
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
            initialValues={actionDefaults(action, suggestion)}
          >
            {error && !onFields ? (
              <div style={{ marginBottom: 16 }} data-testid="action-error">
                <ErrorAlert error={error} />
              </div>
            ) : null}
            <ActionFields action={action} suggestion={suggestion} form={form} />
            <Flex justify="flex-end" gap={8} wrap>
              <Button onClick={close}>{t('common.cancel')}</Button>
              <Button
                type="primary"
                htmlType="submit"
                loading={mutation.isPending}
                danger={dangerousActions.has(action)}
                data-testid="action-submit"
              >
                {stepLabel(action, suggestion)}
              </Button>
            </Flex>
          </Form>
        </div>
      ) : null}
    </Modal>
  );
}
