import { Flex, Timeline, Typography } from 'antd';
import type { CategoryView, OpinionEventView } from '../../../app/contracts.js';
import { formatDateTime, useT, type Lang, type Translate } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useCategories } from '../api.js';
import { categoryPath } from '../category-tree.js';
import { feedbackChannels, isActionName, ratingLevels, resultTypes, supervisionLevels, tiers } from '../values.js';

const colors: Record<string, string> = {
  register: 'blue',
  return: 'red',
  reject: 'red',
  supervise: 'orange',
  requestExtension: 'orange',
  respond: 'green',
  feedback: 'green',
  rate: 'green',
  close: 'gray',
  merge: 'gray',
};

const str = (v: unknown) => (typeof v === 'string' ? v : null);
const oneOf = <T extends string>(list: readonly T[], v: unknown) => list.find((x) => x === v);

/** Steps an officer takes on a unit: the unit is named in the details, not beside the officer. */
const onAUnit = new Set(['assign', 'reassign', 'supervise', 'decideExtension']);

/** The facts an event's data adds to its line (unit and deadline of an assignment, level of a push…). */
function details(e: OpinionEventView, t: Translate, lang: Lang, categories: CategoryView[] | undefined): string[] {
  const d = e.data;
  const out: string[] = [];
  switch (e.action) {
    case 'triage': {
      const tier = oneOf(tiers, d.tier);
      const category =
        (typeof d.categoryId === 'number' ? categoryPath(categories, d.categoryId, lang) : null) ?? str(d.categoryName);
      if (category) out.push(t('opinions.event.category', { category, tier: tier ? t(`opinionTier.${tier}`) : '' }));
      break;
    }
    case 'assign':
    case 'reassign': {
      out.push(
        t('opinions.event.assigned', {
          unit: str(d.leadUnitName) ?? '',
          deadline: str(d.deadline) ?? '',
          by: str(d.signedBy) ?? '',
        }),
      );
      const co = Array.isArray(d.coUnits)
        ? d.coUnits.map((u) => str((u as { name?: unknown }).name)).filter(Boolean)
        : [];
      if (co.length) out.push(t('opinions.event.coUnits', { units: co.join('、') }));
      break;
    }
    case 'supervise': {
      const level = oneOf(supervisionLevels, d.level);
      if (level) out.push(t('opinions.event.level', { level: t(`opinionSupervision.${level}`) }));
      break;
    }
    case 'requestExtension':
      if (typeof d.days === 'number') out.push(t('opinions.event.extension', { days: d.days }));
      break;
    case 'decideExtension':
      out.push(
        d.approve ? t('opinions.event.approved', { deadline: str(d.deadline) ?? '' }) : t('opinions.event.refused'),
      );
      break;
    case 'merge':
      if (str(d.targetReceipt)) out.push(t('opinions.event.merged', { receipt: str(d.targetReceipt)! }));
      break;
    case 'respond': {
      const result = oneOf(resultTypes, d.resultType);
      if (result) out.push(t('opinions.event.result', { result: t(`opinionResult.${result}`) }));
      break;
    }
    case 'feedback': {
      const channel = oneOf(feedbackChannels, d.channel);
      if (channel) out.push(t('opinions.event.channel', { channel: t(`opinionFeedback.${channel}`) }));
      break;
    }
    case 'rate': {
      const level = oneOf(ratingLevels, d.level);
      if (level) out.push(t('opinions.event.level', { level: t(`opinionRating.${level}`) }));
      break;
    }
    case 'escalate': {
      const names = Array.isArray(d.deputies)
        ? d.deputies.map((x) => str((x as { name?: unknown }).name)).filter(Boolean)
        : [];
      if (names.length) out.push(t('opinions.event.deputies', { names: names.join('、') }));
      break;
    }
    case 'linkSuggestion':
      if (str(d.suggestionRef)) out.push(t('opinions.event.suggestion', { ref: str(d.suggestionRef)! }));
      break;
  }
  return out;
}

/** Every step the opinion went through, oldest first: what, who (or which unit), when, and why. */
export function OpinionTimeline({ events }: { events: OpinionEventView[] }) {
  const t = useT();
  const { lang } = usePrefs();
  const categories = useCategories();
  const who = (e: OpinionEventView) => {
    const actor =
      e.actorKind === 'system'
        ? t('opinions.event.system')
        : e.actorKind === 'constituent'
          ? t('opinions.event.constituent')
          : e.actorName;
    return [actor, onAUnit.has(e.action) ? null : e.unitName].filter(Boolean).join(' · ');
  };

  return (
    <Timeline
      data-testid="timeline"
      items={events.map((e) => ({
        key: e.id,
        color: colors[e.action] ?? 'blue',
        content: (
          <Flex vertical gap={2} data-testid={`event-${e.action}`}>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>
                {e.action === 'register' || isActionName(e.action) ? t(`opinionAction.${e.action}`) : e.action}
              </Typography.Text>
              <Typography.Text type="secondary">{who(e)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
                {formatDateTime(e.at, lang)}
              </Typography.Text>
            </Flex>
            {details(e, t, lang, categories.data).map((line) => (
              <Typography.Text key={line}>{line}</Typography.Text>
            ))}
            {e.note ? (
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                <Typography.Text type="secondary">{t('opinions.event.note')}</Typography.Text>
                {e.note}
              </Typography.Text>
            ) : null}
            {e.publicNote ? (
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
                <Typography.Text type="secondary">{t('opinions.event.public')}</Typography.Text>
                {e.publicNote}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}
