import { Card, Col, Flex, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useT, type MessageKey } from '../../../app/i18n.js';
import type { SuggestionFigures } from '../api.js';

type Rates = SuggestionFigures['total'];

/** A rate as a percentage, or a dash when nothing was counted. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${rate}%`);

/** One figure with the one line that says how it is counted. */
function Figure({
  title,
  value,
  note,
  definition,
  testId,
}: {
  title: MessageKey;
  value: ReactNode;
  note?: string;
  definition: MessageKey;
  testId: string;
}) {
  const t = useT();
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Typography.Text type="secondary">{t(title)}</Typography.Text>
      <div style={{ fontSize: '1.7em', lineHeight: 1.35 }} data-testid={`${testId}-value`}>
        {value}
      </div>
      {note ? <Typography.Text type="secondary">{note}</Typography.Text> : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: '0.85em', margin: '6px 0 0' }}>
        {t(definition)}
      </Typography.Paragraph>
    </Card>
  );
}

/** The totals: counts, 按时答复率, 面商率, 初次/最终满意率 with 解决率 beside them, the A/B/C/D mix, redo, overdue. */
export function FiguresTotals({ total }: { total: Rates }) {
  const t = useT();
  const of = (n: number, d: number) => t('suggestions.figures.ofN', { n, d });
  const col = { xs: 12, lg: 8, xxl: 6 } as const;
  return (
    <Row gutter={[12, 12]}>
      <Col {...col}>
        <Figure
          title="suggestions.figures.count"
          value={total.count}
          note={t('suggestions.figures.answeredN', { n: total.answered })}
          definition="suggestions.figures.countDef"
          testId="figure-count"
        />
      </Col>
      <Col {...col}>
        <Figure
          title="suggestions.figures.onTimeRate"
          value={percent(total.onTimeRate)}
          note={of(total.onTime, total.answered)}
          definition="suggestions.figures.onTimeRateDef"
          testId="figure-onTime"
        />
      </Col>
      <Col {...col}>
        <Figure
          title="suggestions.figures.consultationRate"
          value={percent(total.consultationRate)}
          note={of(total.consulted, total.answered)}
          definition="suggestions.figures.consultationRateDef"
          testId="figure-consultation"
        />
      </Col>
      <Col {...col}>
        <Figure
          title="suggestions.figures.firstSatisfactionRate"
          value={percent(total.firstSatisfactionRate)}
          note={of(total.firstSatisfied, total.firstRated)}
          definition="suggestions.figures.firstSatisfactionRateDef"
          testId="figure-firstSatisfaction"
        />
      </Col>
      <Col {...col}>
        <Figure
          title="suggestions.figures.finalSatisfactionRate"
          value={percent(total.finalSatisfactionRate)}
          note={of(total.finalSatisfied, total.finalRated)}
          definition="suggestions.figures.finalSatisfactionRateDef"
          testId="figure-finalSatisfaction"
        />
      </Col>
      <Col {...col}>
        {/* 解决率 next to 满意率: a satisfied deputy and a solved matter are not the same thing. */}
        <Figure
          title="suggestions.figures.resolutionRate"
          value={percent(total.resolutionRate)}
          note={of(total.classes.A, total.answered)}
          definition="suggestions.figures.resolutionRateDef"
          testId="figure-resolution"
        />
      </Col>
      <Col {...col}>
        <Figure
          title="suggestions.figures.classes"
          value={
            <Flex gap={10} wrap component="span" style={{ fontSize: '0.8em', lineHeight: 1.7 }}>
              {(['A', 'B', 'C', 'D'] as const).map((c) => (
                <span key={c} data-testid={`figure-class-${c}`}>
                  {c} {total.classes[c]}
                </span>
              ))}
            </Flex>
          }
          definition="suggestions.figures.classesDef"
          testId="figure-classes"
        />
      </Col>
      <Col {...col}>
        <Figure
          title="suggestions.figures.redo"
          value={total.redo}
          definition="suggestions.figures.redoDef"
          testId="figure-redo"
        />
      </Col>
      <Col {...col}>
        <Figure
          title="suggestions.figures.overdue"
          value={total.overdue}
          definition="suggestions.figures.overdueDef"
          testId="figure-overdue"
        />
      </Col>
    </Row>
  );
}
