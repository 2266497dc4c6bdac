import { Descriptions, Flex, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { answerClassLabels, exclusionLabels, satisfactionLabels } from '../../../../../../contracts/suggestions.js';
import { useT } from '../../../app/i18n.js';
import { chinaDay } from '../../../../../../contracts/calendar.js';
import type { SuggestionView } from '../api.js';
import { useLabel } from '../hooks/use-label.js';
import { useNarrow } from '../../../app/use-narrow.js';
import { numberStyle } from '../values.js';
import { SuggestionMarks } from './SuggestionMarks.js';
import { SuggestionStateTag } from './SuggestionStateTag.js';

/** Where the suggestion stands: number, state, session, lead deputy, review, class, rating, disclosure. */
export function SuggestionFacts({ suggestion: s }: { suggestion: SuggestionView }) {
  const t = useT();
  const label = useLabel();
  const narrow = useNarrow();
  const items: { key: string; label: string; children: ReactNode }[] = [
    {
      key: 'number',
      label: t('suggestions.col.number'),
      children: <span style={numberStyle}>{s.number ?? t('suggestions.noNumber')}</span>,
    },
    { key: 'state', label: t('suggestions.col.state'), children: <SuggestionStateTag state={s.state} /> },
    { key: 'session', label: t('suggestions.col.session'), children: s.sessionName },
    { key: 'lead', label: t('suggestions.col.lead'), children: s.leadDeputyName },
  ];
  const add = (key: string, text: string, children: ReactNode) => items.push({ key, label: text, children });
  if (s.category) add('category', t('suggestions.field.category'), s.category);
  if (s.overdue || s.keySupervision || s.repeated)
    add('marks', t('suggestions.col.marks'), <SuggestionMarks suggestion={s} />);
  if (s.keySupervision && s.keyLeaders) add('leaders', t('suggestions.form.leaders'), s.keyLeaders);
  if (s.mode) add('mode', t('suggestions.form.mode'), t(`suggestions.mode.${s.mode}`));
  if (s.answerClass) add('class', t('suggestions.form.answerClass'), label(answerClassLabels[s.answerClass]));
  if (s.ratingResult && s.ratingCommunication)
    add(
      'rating',
      t('suggestions.detail.rating'),
      t('suggestions.detail.ratingValue', {
        communication: label(satisfactionLabels[s.ratingCommunication]),
        result: label(satisfactionLabels[s.ratingResult]),
      }),
    );
  const c = s.constituentRatings;
  if (c.satisfied + c.basicallySatisfied + c.dissatisfied > 0)
    add(
      'constituents',
      t('suggestions.detail.constituents'),
      <span data-testid="constituent-ratings">{t('suggestions.detail.constituentsValue', c)}</span>,
    );
  if (s.redoCount > 0) add('redo', t('suggestions.detail.redo'), t('suggestions.detail.redoCount', { n: s.redoCount }));
  if (s.extensionPending)
    add(
      'extension',
      t('suggestions.detail.extension'),
      t('suggestions.form.extensionAsked', { months: s.extensionPending.months, reason: s.extensionPending.reason }),
    );
  if (s.reviewReason)
    add('review', t('suggestions.detail.review'), <span style={{ whiteSpace: 'pre-wrap' }}>{s.reviewReason}</span>);
  if (s.exclusions.length)
    add(
      'exclusions',
      t('suggestions.form.exclusions'),
      <Flex vertical gap={2}>
        {s.exclusions.map((x) => (
          <span key={x}>{label(exclusionLabels[x])}</span>
        ))}
      </Flex>,
    );
  if (s.mergedIntoId)
    add(
      'merged',
      t('suggestions.detail.mergedInto'),
      <Link to={`/suggestions/${s.mergedIntoId}`}>{t('suggestions.detail.open')}</Link>,
    );
  if (s.repeatOf.length)
    add(
      'repeat',
      t('suggestions.detail.repeatOf'),
      <Flex vertical gap={2}>
        {s.repeatOf.map((r) => (
          <Link key={r.id} to={`/suggestions/${r.id}`}>
            {r.year} {r.number ?? ''} {r.title}
          </Link>
        ))}
      </Flex>,
    );
  add(
    'public',
    t('suggestions.detail.public'),
    s.publishedAt ? (
      <Tag color="green" style={{ marginInlineEnd: 0 }} data-testid="published">
        {t('suggestions.detail.publishedAt', { date: chinaDay(new Date(s.publishedAt)) })}
      </Tag>
    ) : s.publishable ? (
      <Typography.Text type="secondary">{t('suggestions.detail.publishLater')}</Typography.Text>
    ) : (
      <Typography.Text type="secondary">
        {t('suggestions.detail.notPublic')}
        {s.notPublicReason ? t('suggestions.detail.notPublicReason', { reason: s.notPublicReason }) : ''}
      </Typography.Text>
    ),
  );
  return (
    <Descriptions
      column={1}
      size="small"
      items={items}

      styles={{ label: narrow ? { width: '38%' } : { whiteSpace: 'nowrap' } }}
    />
  );
}
