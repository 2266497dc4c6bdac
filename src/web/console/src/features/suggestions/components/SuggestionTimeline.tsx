import { Flex, Timeline, Typography } from 'antd';
import { actionLabels, stateLabels, type SuggestionState } from '../../../../../../contracts/suggestions.js';
import { formatDateTime, useT, type MessageKey } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import type { SuggestionView } from '../api.js';
import { eventDetails } from '../event-details.js';
import { useLabel } from '../hooks/use-label.js';

const colors: Record<string, string> = {
  returnForRevision: 'red',
  notAccept: 'red',
  withdraw: 'red',
  returnAssignment: 'orange',
  supervise: 'orange',
  requestExtension: 'orange',
  answer: 'green',
  rate: 'green',
  close: 'gray',
  merge: 'gray',
};

/** Drafting events the contracts' action labels may not name (the server writes them in drafts.ts). */
const draftingKeys: Record<string, MessageKey> = {
  draft: 'suggestions.event.draft',
  edit: 'suggestions.event.edit',
  uninvite: 'suggestions.event.uninvite',
};

const isLabelled = (action: string): action is keyof typeof actionLabels => action in actionLabels;
const isState = (state: string | null): state is SuggestionState => !!state && state in stateLabels;

/** Every step the suggestion went through, oldest first: what, who, when, the state it led to, why. */
export function SuggestionTimeline({ suggestion }: { suggestion: SuggestionView }) {
  const t = useT();
  const label = useLabel();
  const { lang } = usePrefs();
  const names = new Map([
    [suggestion.leadDeputyId, suggestion.leadDeputyName],
    ...suggestion.signers.map((x) => [x.deputyId, x.name] as const),
  ]);
  const name = (action: string) =>
    isLabelled(action) ? label(actionLabels[action]) : draftingKeys[action] ? t(draftingKeys[action]) : action;

  return (
    <Timeline
      data-testid="timeline"
      items={suggestion.events.map((e) => ({
        key: e.id,
        color: colors[e.action] ?? 'blue',
        content: (
          <Flex vertical gap={2} data-testid={`event-${e.action}`}>
            <Flex gap={8} wrap align="baseline">
              <Typography.Text strong>{name(e.action)}</Typography.Text>
              <Typography.Text type="secondary">
                {e.actorName ??
                  t(e.action === 'constituentRate' ? 'suggestions.event.constituent' : 'suggestions.event.system')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
                {formatDateTime(e.at, lang)}
              </Typography.Text>
            </Flex>
            {e.fromState !== e.toState && isState(e.toState) ? (
              <Typography.Text type="secondary">
                {t('suggestions.event.toState', { state: label(stateLabels[e.toState]) })}
              </Typography.Text>
            ) : null}
            {eventDetails(e, t, label, names).map((line) => (
              <Typography.Text key={line} style={{ overflowWrap: 'anywhere' }}>
                {line}
              </Typography.Text>
            ))}
            {e.note ? (
              <Typography.Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                <Typography.Text type="secondary">{t('suggestions.event.note')}</Typography.Text>
                {e.note}
              </Typography.Text>
            ) : null}
          </Flex>
        ),
      }))}
    />
  );
}
