import { Descriptions, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { OpinionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { supervisionColors } from '../values.js';
import { OpinionMarkers } from './OpinionMarkers.js';

/** Where the opinion stands: deadline, supervision, marks, rating, outcome, merges. */
export function OpinionFacts({ opinion }: { opinion: OpinionView }) {
  const t = useT();
  const none = t('opinions.detail.none');
  const items = [
    {
      key: 'deadline',
      label: t('opinions.detail.deadline'),
      children: opinion.deadline ? (
        <Typography.Text type={opinion.overdue ? 'danger' : undefined} strong={opinion.overdue} data-testid="deadline">
          {opinion.deadline}
          {opinion.overdue ? ` · ${t('opinions.detail.overdue')}` : ''}
        </Typography.Text>
      ) : (
        none
      ),
    },
    {
      key: 'supervision',
      label: t('opinions.detail.supervision'),
      children: opinion.supervisionLevel ? (
        <Tag color={supervisionColors[opinion.supervisionLevel]}>
          {t(`opinionSupervision.${opinion.supervisionLevel}`)}
        </Tag>
      ) : (
        none
      ),
    },
    {
      key: 'rating',
      label: t('opinions.detail.rating'),
      children: opinion.rating ? t(`opinionRating.${opinion.rating}`) : none,
    },
  ];
  if (opinion.ratingWaitUntil)
    items.push({
      key: 'ratingWait',
      label: t('opinions.ratingWait.label'),
      children: (
        <Typography.Text data-testid="rating-wait">
          {t('opinions.ratingWait.until', { date: opinion.ratingWaitUntil })}
        </Typography.Text>
      ),
    });
  // Overdue shows with the deadline, urgency with the content: here the returns and extensions.
  if (opinion.returnCount > 0 || opinion.extensionCount > 0)
    items.push({
      key: 'markers',
      label: t('opinions.col.markers'),
      children: <OpinionMarkers opinion={{ ...opinion, overdue: false, urgency: 'normal', supervisionLevel: null }} />,
    });
  if (opinion.outcome)
    items.push({
      key: 'outcome',
      label: t('opinions.detail.outcome'),
      children: t(`opinionOutcome.${opinion.outcome}`),
    });
  if (opinion.mergedInto)
    items.push({
      key: 'mergedInto',
      label: t('opinions.detail.mergedInto'),
      children: <Link to={`/opinions/${opinion.mergedInto}`}>{t('opinions.detail.openMerged')}</Link>,
    });
  if (opinion.mergedCount > 0)
    items.push({
      key: 'merged',
      label: t('opinions.detail.mergedLabel'),
      children: t('opinions.detail.mergedCount', { n: opinion.mergedCount }),
    });
  if (opinion.reopenCount > 0)
    items.push({
      key: 'reopen',
      label: t('opinions.detail.reopenLabel'),
      children: t('opinions.detail.reopened', { n: opinion.reopenCount }),
    });
  if (opinion.suggestionRef)
    items.push({ key: 'suggestion', label: t('opinions.detail.suggestion'), children: opinion.suggestionRef });
  return <Descriptions column={1} size="small" items={items} styles={{ label: { whiteSpace: 'nowrap' } }} />;
}
