import { EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { OpinionView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useRevealConstituent } from '../api.js';

/** The constituent, masked; in full only on an explicit click, which the server audits. */
export function ConstituentContact({
  opinion,
}: {
  opinion: Pick<OpinionView, 'id' | 'anonymous' | 'constituentName' | 'constituentPhone' | 'contactable'>;
}) {
  const t = useT();
  const can = useCan();
  const reveal = useRevealConstituent(opinion.id);

  if (opinion.anonymous) return <Typography.Text type="secondary">{t('opinions.detail.anonymous')}</Typography.Text>;
  if (reveal.data) {
    const c = reveal.data;
    return (
      <Flex vertical gap={2} data-testid="revealed-contact">
        <Typography.Text strong>{c.name ?? '—'}</Typography.Text>
        {c.phone ? <Typography.Text copyable>{c.phone}</Typography.Text> : null}
        {c.address ? <Typography.Text>{c.address}</Typography.Text> : null}
        <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
          {t('opinions.detail.revealed')}
        </Typography.Text>
      </Flex>
    );
  }
  const masked = [opinion.constituentName, opinion.constituentPhone].filter(Boolean).join(' · ');
  return (
    <Flex vertical gap={4} align="flex-start">
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{masked || t('opinions.detail.noContact')}</Typography.Text>
        {masked && can('opinion.revealContact') ? (
          <Button
            size="small"
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            onClick={() => reveal.mutate()}
            data-testid="reveal-contact"
          >
            {t('opinions.detail.reveal')}
          </Button>
        ) : null}
      </Flex>
      {masked && can('opinion.revealContact') ? (
        <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
          {t('opinions.detail.revealHint')}
        </Typography.Text>
      ) : null}
      {reveal.isError ? <Typography.Text type="danger">{errorMessage(reveal.error, t)}</Typography.Text> : null}
    </Flex>
  );
}
