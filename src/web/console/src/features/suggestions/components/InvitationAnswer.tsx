import { App, Button, Flex, Input, Popconfirm, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useAnswerInvitation, type SuggestionView } from '../api.js';

/** An invited deputy's answer: co-sign (联名) or decline, with an optional note when declining. */
export function InvitationAnswer({ suggestion }: { suggestion: SuggestionView }) {
  const t = useT();
  const { message } = App.useApp();
  const answer = useAnswerInvitation(suggestion.id);
  const [note, setNote] = useState('');
  const send = (accept: boolean) =>
    answer.mutate(
      { accept, note: accept ? undefined : note.trim() || undefined },
      {
        onSuccess: () =>
          void message.success(accept ? t('suggestions.signers.confirmedDone') : t('suggestions.signers.declinedDone')),
      },
    );
  return (
    <Flex vertical gap={8} data-testid="invitation">
      <Typography.Text>{t('suggestions.signers.invitedMe', { lead: suggestion.leadDeputyName })}</Typography.Text>
      {answer.error ? <ErrorAlert error={answer.error} /> : null}
      <Flex gap={8} wrap>
        <Button type="primary" loading={answer.isPending} onClick={() => send(true)} data-testid="cosign-confirm">
          {t('suggestions.signers.confirm')}
        </Button>
        <Popconfirm
          title={t('suggestions.signers.declineTitle')}
          description={
            <Input.TextArea
              value={note}
              onChange={(e) => setNote(e.target.value)}
              maxLength={500}
              autoSize={{ minRows: 2, maxRows: 4 }}
              placeholder={t('suggestions.signers.note')}
              style={{ width: 240, maxWidth: '60vw' }}
            />
          }
          okText={t('suggestions.signers.decline')}
          cancelText={t('common.cancel')}
          onConfirm={() => send(false)}
        >
          <Button danger disabled={answer.isPending} data-testid="cosign-decline">
            {t('suggestions.signers.decline')}
          </Button>
        </Popconfirm>
      </Flex>
    </Flex>
  );
}
