import { Badge, Card, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { bulletinIssuerLabels } from '../../../../../../contracts/duty.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useLabel } from '../../suggestions/hooks/use-label.js';
import { useReadBulletin, type BulletinView } from '../api.js';
import { useDigest, type DigestView } from '../digest-api.js';
import { BulletinReader } from './BulletinList.js';

type Match = DigestView['items'][number]['matches'][number];

/** Why a document concerns a suggestion: the unit it names, the category, the shared words. */
function Why({ m }: { m: Match }) {
  const t = useT();
  const reasons = [
    ...m.units.map((unit) => t('dutyDigest.unit', { unit })),
    ...(m.category ? [t('dutyDigest.category', { category: m.category })] : []),
    ...(m.words.length ? [t('dutyDigest.words', { words: m.words.join(t('dutyDigest.wordSep')) })] : []),
  ];
  return (
    <Typography.Text type="secondary" data-testid="digest-why">
      {t('dutyDigest.why', { reasons: reasons.join(t('dutyDigest.sep')) })}
    </Typography.Text>
  );
}

/**
 * The documents pushed to the deputy lately that concern their open suggestions, each with the
 * suggestion(s) it matches and why; opening one shows its text and records the read receipt.
 */
export function DigestList({ limit }: { limit?: number }) {
  const t = useT();
  const label = useLabel();
  const { lang } = usePrefs();
  const digest = useDigest();
  const read = useReadBulletin();
  const [open, setOpen] = useState<BulletinView | null>(null);
  if (digest.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (digest.isError) return <ErrorAlert error={digest.error} />;
  const { items, openSuggestions } = digest.data;
  if (!items.length)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t(openSuggestions ? 'dutyDigest.empty' : 'dutyDigest.noOpen')}
      />
    );
  const shown = limit ? items.slice(0, limit) : items;
  const show = (b: BulletinView) => {
    setOpen(b);
    if (!b.readAt) read.mutate(b.id);
  };
  return (
    <Flex vertical gap={8} data-testid="digest-list">
      {shown.map(({ bulletin: b, matches }) => (
        <Card
          key={b.id}
          size="small"
          hoverable
          onClick={() => show(b)}
          data-testid={`digest-${b.id}`}
          styles={{ body: { padding: 12 } }}
        >
          <Flex vertical gap={4} style={{ minWidth: 0 }}>
            <Flex justify="space-between" gap={8} align="start">
              <Typography.Text strong style={{ minWidth: 0 }}>
                {!b.readAt ? <Badge status="processing" style={{ marginInlineEnd: 6 }} /> : null}
                {b.title}
              </Typography.Text>
              <Tag color={b.readAt ? 'default' : 'blue'} style={{ marginInlineEnd: 0 }} data-testid="digest-read-state">
                {t(b.readAt ? 'dutyDigest.read' : 'dutyDigest.unread')}
              </Tag>
            </Flex>
            <Typography.Text type="secondary">
              {label(bulletinIssuerLabels[b.issuer])} · {formatDateTime(b.publishedAt, lang)}
              {b.topic ? ` · ${b.topic}` : ''}
            </Typography.Text>
            {matches.map((m) => (
              <Flex key={m.suggestionId} vertical gap={2} data-testid={`digest-match-${m.suggestionId}`}>
                <span>
                  {t('dutyDigest.concerns')}
                  <Tag style={{ marginInline: 4 }}>
                    {t(m.role === 'lead' ? 'dutyDigest.lead' : 'dutyDigest.coSigner')}
                  </Tag>
                  <Link to={`/suggestions/${m.suggestionId}`} onClick={(e) => e.stopPropagation()}>
                    {m.number ? `${m.number} ` : ''}
                    {m.title}
                  </Link>
                </span>
                <Why m={m} />
              </Flex>
            ))}
          </Flex>
        </Card>
      ))}
      {limit && items.length > limit ? (
        <Link to="/duty/digest">{t('dutyDigest.more', { n: items.length - limit })}</Link>
      ) : null}
      <BulletinReader bulletin={open} onClose={() => setOpen(null)} />
    </Flex>
  );
}
