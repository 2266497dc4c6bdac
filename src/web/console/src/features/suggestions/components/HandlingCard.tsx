import { Card, Flex, Tag, Typography } from 'antd';
import {
  answerClassLabels,
  consultationMethodLabels,
  consultationStageLabels,
  unitRoleLabels,
} from '../../../../../../contracts/suggestions.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import type { SuggestionView } from '../api.js';
import { useLabel } from '../hooks/use-label.js';

const unitStateColors = { assigned: 'blue', returned: 'orange', answered: 'green', withdrawn: 'default' } as const;
/** A date and time without its seconds (a consultation is noted to the minute). */
const toMinute = (text: string) => text.replace(/:\d{2}$/, '');
const block = { paddingBottom: 10, borderBottom: '1px solid rgba(5, 5, 5, 0.06)' } as const;
const prose = { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 0 } as const;

/** The handling: the units and their roles, the consultations (面商) with the deputy, the written answers. */
export function HandlingCard({ suggestion: s }: { suggestion: SuggestionView }) {
  const t = useT();
  const label = useLabel();
  const { lang } = usePrefs();
  const heading = (text: string) => (
    <Typography.Title level={3} style={{ fontSize: '1em', marginTop: 0 }}>
      {text}
    </Typography.Title>
  );
  const none = (text: string) => <Typography.Text type="secondary">{text}</Typography.Text>;

  return (
    <Card title={t('suggestions.handling.title')} size="small">
      <Flex vertical gap={20}>
        <section data-testid="units">
          {heading(t('suggestions.units.title'))}
          {s.units.length === 0 ? (
            none(t('suggestions.units.none'))
          ) : (
            <Flex vertical gap={8}>
              {s.units.map((u) => (
                <Flex key={`${u.unitId}-${u.role}`} vertical gap={4}>
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong>{u.name}</Typography.Text>
                    <Tag style={{ marginInlineEnd: 0 }}>{label(unitRoleLabels[u.role])}</Tag>
                    <Tag color={unitStateColors[u.state]} style={{ marginInlineEnd: 0 }}>
                      {t(`suggestions.unitState.${u.state}`)}
                    </Tag>
                  </Flex>
                  {u.coView ? (
                    <Typography.Paragraph style={prose}>
                      <Typography.Text type="secondary">{t('suggestions.units.coView')}</Typography.Text>
                      {u.coView}
                    </Typography.Paragraph>
                  ) : null}
                </Flex>
              ))}
            </Flex>
          )}
        </section>
        <section data-testid="consultations">
          {heading(t('suggestions.consult.title'))}
          {s.consultations.length === 0 ? (
            none(t('suggestions.consult.none'))
          ) : (
            <Flex vertical gap={10}>
              {s.consultations.map((c) => (
                <Flex key={c.id} vertical gap={2} style={block}>
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong>{toMinute(formatDateTime(c.at, lang))}</Typography.Text>
                    <Tag style={{ marginInlineEnd: 0 }}>{label(consultationMethodLabels[c.method])}</Tag>
                    <Tag style={{ marginInlineEnd: 0 }}>{label(consultationStageLabels[c.stage])}</Tag>
                    <Typography.Text type="secondary">{c.unitName}</Typography.Text>
                  </Flex>
                  <Typography.Text>
                    <Typography.Text type="secondary">{t('suggestions.consult.attendees')}</Typography.Text>
                    {c.attendees}
                  </Typography.Text>
                  {c.notes ? <Typography.Paragraph style={prose}>{c.notes}</Typography.Paragraph> : null}
                </Flex>
              ))}
            </Flex>
          )}
        </section>
        <section data-testid="answers">
          {heading(t('suggestions.answers.title'))}
          {s.answers.length === 0 ? (
            none(t('suggestions.answers.none'))
          ) : (
            <Flex vertical gap={12}>
              {s.answers.map((a) => (
                <Flex key={a.id} vertical gap={4} style={block} data-testid={`answer-${a.id}`}>
                  <Flex gap={8} wrap align="center">
                    <Tag color="blue" style={{ marginInlineEnd: 0 }} data-testid="answer-class">
                      {label(answerClassLabels[a.answerClass])}
                    </Tag>
                    <Typography.Text type="secondary">
                      {t('suggestions.answers.round', { n: a.round })} · {a.unitName} ·{' '}
                      {formatDateTime(a.answeredAt, lang).slice(0, 10)}
                    </Typography.Text>
                    <Tag color={a.onTime ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
                      {a.onTime ? t('suggestions.answers.onTime') : t('suggestions.answers.late')}
                    </Tag>
                  </Flex>
                  {a.commitmentDate ? (
                    <Typography.Text strong data-testid="answer-commitment">
                      {t('suggestions.answers.commitment', { date: a.commitmentDate })}
                    </Typography.Text>
                  ) : null}
                  <Typography.Paragraph style={prose}>{a.content}</Typography.Paragraph>
                  <Typography.Text type="secondary">
                    {t('suggestions.answers.signedBy', { name: a.signedBy })}
                  </Typography.Text>
                </Flex>
              ))}
            </Flex>
          )}
        </section>
      </Flex>
    </Card>
  );
}
