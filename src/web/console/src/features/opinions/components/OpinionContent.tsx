import { Descriptions, Flex, Tag, Typography } from 'antd';
import type { OpinionView } from '../../../app/contracts.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCategories } from '../api.js';
import { categoryPath } from '../category-tree.js';
import { ConstituentContact } from './ConstituentContact.js';

/** What was raised, by whom, where and how it is sorted. */
export function OpinionContent({ opinion }: { opinion: OpinionView }) {
  const t = useT();
  const { lang } = usePrefs();
  const categories = useCategories();
  const none = t('opinions.detail.none');

  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph
        style={{ fontSize: '1.15em', whiteSpace: 'pre-wrap', marginBottom: 0 }}
        data-testid="opinion-content"
      >
        {opinion.content}
      </Typography.Paragraph>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        styles={{ label: { whiteSpace: 'nowrap' } }}
        items={[
          { key: 'location', label: t('opinions.detail.location'), children: opinion.location ?? none },
          {
            key: 'channel',
            label: t('opinions.detail.channel'),
            children: t(`opinionChannel.${opinion.channel}`),
          },
          { key: 'station', label: t('opinions.detail.station'), children: opinion.orgName },
          ...(opinion.informantName
            ? [{ key: 'informant', label: t('opinions.detail.informant'), children: opinion.informantName }]
            : []),
          {
            key: 'created',
            label: t('opinions.detail.created'),
            children: formatDateTime(opinion.createdAt, lang),
          },
          {
            key: 'constituent',
            label: t('opinions.detail.constituent'),
            span: 'filled',
            children: <ConstituentContact opinion={opinion} />,
          },
          {
            key: 'category',
            label: t('opinions.detail.category'),
            children: categoryPath(categories.data, opinion.categoryId, lang) ?? opinion.categoryName ?? none,
          },
          {
            key: 'tier',
            label: t('opinions.detail.tier'),
            children: opinion.tier ? t(`opinionTier.${opinion.tier}`) : none,
          },
          {
            key: 'urgency',
            label: t('opinions.detail.urgency'),
            children:
              opinion.urgency === 'urgent' ? (
                <Tag color="volcano">{t('opinionUrgency.urgent')}</Tag>
              ) : (
                t('opinionUrgency.normal')
              ),
          },
          {
            key: 'tags',
            label: t('opinions.detail.tags'),
            children: opinion.tags.length ? (
              <Flex gap={4} wrap>
                {opinion.tags.map((tag) => (
                  <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                    {tag}
                  </Tag>
                ))}
              </Flex>
            ) : (
              none
            ),
          },
          {
            key: 'deputies',
            label: t('opinions.detail.deputies'),
            span: 'filled',
            children: opinion.deputies.length ? opinion.deputies.map((d) => d.name).join('、') : none,
          },
        ]}
      />
    </Flex>
  );
}
