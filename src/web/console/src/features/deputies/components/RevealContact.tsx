import { EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { DeputyView } from '../../../app/contracts.js';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { useRevealContact } from '../api.js';

/** The masked private phone; the full number only on an explicit click, which the server audits. */
export function RevealContact({ deputy }: { deputy: Pick<DeputyView, 'id' | 'privatePhoneMasked'> }) {
  const t = useT();
  const can = useCan();
  const reveal = useRevealContact();

  if (!deputy.privatePhoneMasked) return <Typography.Text type="secondary">{t('deputies.noPhone')}</Typography.Text>;
  if (reveal.data) {
    return (
      <Flex vertical gap={2}>
        <Typography.Text strong copyable data-testid="revealed-phone">
          {reveal.data.privatePhone ?? t('deputies.noPhone')}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
          {t('deputies.revealed')}
        </Typography.Text>
      </Flex>
    );
  }
  return (
    <Flex vertical gap={4} align="flex-start">
      <Flex gap={8} align="center" wrap>
        <Typography.Text>{deputy.privatePhoneMasked}</Typography.Text>
        {can('deputy.revealContact') ? (
          <Button
            size="small"
            icon={<EyeOutlined />}
            loading={reveal.isPending}
            onClick={() => reveal.mutate(deputy.id)}
            data-testid="reveal-contact"
          >
            {t('deputies.reveal')}
          </Button>
        ) : null}
      </Flex>
      {can('deputy.revealContact') ? (
        <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
          {t('deputies.revealHint')}
        </Typography.Text>
      ) : null}
      {reveal.isError ? <Typography.Text type="danger">{errorMessage(reveal.error, t)}</Typography.Text> : null}
    </Flex>
  );
}
