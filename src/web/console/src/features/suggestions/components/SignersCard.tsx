import { UserAddOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Popconfirm, Tag, Typography } from 'antd';
import { useState } from 'react';
import { actionLabels } from '../../../../../../contracts/suggestions.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCancelInvitation, type SuggestionView } from '../api.js';
import { useLabel } from '../hooks/use-label.js';
import { InviteModal } from './InviteModal.js';

const signerColors = { invited: 'orange', confirmed: 'green', declined: 'default' } as const;

/** The co-signers (联名代表) with their answers; on a draft, the lead deputy invites and withdraws invitations. */
export function SignersCard({ suggestion }: { suggestion: SuggestionView }) {
  const t = useT();
  const label = useLabel();
  const { lang } = usePrefs();
  const { message } = App.useApp();
  const [inviting, setInviting] = useState(false);
  const cancel = useCancelInvitation(suggestion.id);
  const lead = suggestion.state === 'draft' && suggestion.capacities.includes('lead');

  return (
    <Card
      title={t('suggestions.signers.title')}
      size="small"
      extra={
        lead ? (
          <Button size="small" icon={<UserAddOutlined />} onClick={() => setInviting(true)} data-testid="invite-open">
            {label(actionLabels.invite)}
          </Button>
        ) : null
      }
      data-testid="signers"
    >
      {cancel.error ? <ErrorAlert error={cancel.error} /> : null}
      {suggestion.signers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggestions.signers.none')} />
      ) : (
        <Flex vertical gap={8}>
          {suggestion.signers.map((s) => (
            <Flex key={s.deputyId} gap={8} wrap align="center" data-testid={`signer-${s.deputyId}`}>
              <Typography.Text strong>{s.name}</Typography.Text>
              <Tag color={signerColors[s.state]} style={{ marginInlineEnd: 0 }} data-testid={`signer-state-${s.state}`}>
                {t(`suggestions.signerState.${s.state}`)}
              </Tag>
              {s.respondedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
                  {formatDateTime(s.respondedAt, lang)}
                </Typography.Text>
              ) : null}
              {lead && s.state === 'invited' ? (
                <Popconfirm
                  title={t('suggestions.signers.uninviteConfirm', { name: s.name })}
                  okText={t('common.ok')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    cancel.mutate(s.deputyId, {
                      onSuccess: () => void message.success(t('suggestions.signers.uninvited')),
                    })
                  }
                >
                  <Button size="small" type="link" danger data-testid={`uninvite-${s.deputyId}`}>
                    {t('suggestions.signers.uninvite')}
                  </Button>
                </Popconfirm>
              ) : null}
            </Flex>
          ))}
        </Flex>
      )}
      {lead ? <InviteModal open={inviting} suggestion={suggestion} onClose={() => setInviting(false)} /> : null}
    </Card>
  );
}
