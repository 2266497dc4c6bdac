import { EditOutlined } from '@ant-design/icons';
import { Button, Divider, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { SuggestionActionName } from '../../../../../../contracts/suggestions.js';
import { useT } from '../../../app/i18n.js';
import type { SuggestionView } from '../api.js';
import { useStepLabel } from '../hooks/use-step-label.js';
import { actionOrder, dangerousActions, primaryActions } from '../values.js';
import { ActionModal } from './ActionModal.js';
import { InvitationAnswer } from './InvitationAnswer.js';

/** Whether this user has anything to do on the suggestion now (a step, an edit, an invitation to answer). */
export function hasActions(suggestion: SuggestionView): boolean {
  return (
    suggestion.allowedActions.length > 0 ||
    (suggestion.state === 'draft' && suggestion.capacities.includes('lead')) ||
    (suggestion.capacities.includes('invitee') && (suggestion.state === 'draft' || suggestion.state === 'submitted'))
  );
}

/**
 * What this user may do now: one button per step in the server's `allowedActions` (each opening
 * its form), the lead deputy's edit of a draft, an invitee's answer.
 */
export function SuggestionActions({ suggestion }: { suggestion: SuggestionView }) {
  const t = useT();
  const stepLabel = useStepLabel();
  const navigate = useNavigate();
  const [open, setOpen] = useState<SuggestionActionName | null>(null);
  const allowed = actionOrder.filter((a) => suggestion.allowedActions.includes(a));
  const editable = suggestion.state === 'draft' && suggestion.capacities.includes('lead');
  const invited =
    suggestion.capacities.includes('invitee') && (suggestion.state === 'draft' || suggestion.state === 'submitted');
  const pending = suggestion.signers.some((s) => s.state === 'invited');

  if (!allowed.length && !editable && !invited)
    return (
      <Typography.Text type="secondary" data-testid="no-actions">
        {t('suggestions.detail.noActions')}
      </Typography.Text>
    );

  return (
    <>
      {invited ? <InvitationAnswer suggestion={suggestion} /> : null}
      {invited && (allowed.length || editable) ? <Divider style={{ margin: '12px 0' }} /> : null}
      {allowed.length || editable ? (
        <Flex gap={8} wrap data-testid="suggestion-actions">
          {editable ? (
            <Button
              icon={<EditOutlined />}
              onClick={() => void navigate(`/suggestions/${suggestion.id}/edit`)}
              data-testid="step-edit"
            >
              {t('suggestions.action.edit')}
            </Button>
          ) : null}
          {allowed.map((a) => (
            <Button
              key={a}
              type={primaryActions.has(a) ? 'primary' : 'default'}
              danger={dangerousActions.has(a)}
              onClick={() => setOpen(a)}
              data-testid={`step-${a}`}
            >
              {stepLabel(a, suggestion)}
            </Button>
          ))}
        </Flex>
      ) : null}
      {editable && pending ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('suggestions.signers.pendingHint')}
        </Typography.Paragraph>
      ) : null}
      <ActionModal action={open} suggestion={suggestion} onClose={() => setOpen(null)} />
    </>
  );
}
