import { Card, Col, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router';
import { rateKeys, type Compared, type RateKey } from '../../../../../../contracts/statistics.js';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { drillPath, type DashboardParams, type DrillFigure } from '../api.js';
import { definitionOf, percent } from '../format.js';

/** One figure: the value, the two comparisons, its definition beside it; a click lists the opinions behind it. */
function FigureCard({
  figure,
  value,
  previous,
  lastYear,
  params,
  definition,
  extra,
}: {
  figure: DrillFigure | null;
  value: string;
  previous: string;
  lastYear: string;
  params: DashboardParams;
  definition: { name: string; text: string };
  extra?: string;
}) {
  const t = useT();
  const title = figure ? (
    <Link to={drillPath({ ...params, figure, part: 'all' })} data-testid={`stat-card-${figure}`}>
      {definition.name}
    </Link>
  ) : (
    definition.name
  );
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic title={title} value={value} />
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: '0.85em' }}>
        {t('statistics.compare.previous', { value: previous })} ·{' '}
        {t('statistics.compare.lastYear', { value: lastYear })}
      </Typography.Text>
      {extra ? <Typography.Text style={{ display: 'block', fontSize: '0.85em' }}>{extra}</Typography.Text> : null}
      <Typography.Paragraph type="secondary" style={{ fontSize: '0.8em', marginBottom: 0, marginTop: 4 }}>
        {t('statistics.definition')}
        {definition.text}
      </Typography.Paragraph>
    </Card>
  );
}

/** The totals of the scope: volume, each rate, overdue and due soon, handling time, compared. */
export function RateCards({ totals, params, unit }: { totals: Compared; params: DashboardParams; unit: boolean }) {
  const t = useT();
  const { lang } = usePrefs();
  const { current: c, previous: p, lastYear: y } = totals;
  const rates = rateKeys.filter((k) => c.rates[k] !== undefined);
  const rate = (k: RateKey) => (f: typeof c) => percent(f.rates[k]?.value);
  const count = (f: (x: typeof c) => number) => [String(f(c)), String(f(p)), String(f(y))] as const;
  const cards = [
    {
      key: 'received',
      figure: 'received' as const,
      v: count((f) => f.received),
      def: definitionOf(unit ? 'assignments' : 'received', lang),
    },
    ...rates.map((k) => ({
      key: k,
      figure: k,
      v: [rate(k)(c), rate(k)(p), rate(k)(y)] as const,
      def: definitionOf(k, lang),
      extra: k === 'satisfactionRate' ? t('statistics.unrated', { n: c.unrated }) : undefined,
    })),
    {
      key: 'overdueOpen',
      figure: 'overdueOpen' as const,
      v: count((f) => f.overdueOpen),
      def: definitionOf('overdueOpen', lang),
    },
    { key: 'dueSoon', figure: 'dueSoon' as const, v: count((f) => f.dueSoon), def: definitionOf('dueSoon', lang) },
    {
      key: 'avgHandlingDays',
      figure: null,
      v: [c, p, y].map((f) => (f.avgHandlingDays === null ? '—' : String(f.avgHandlingDays))) as unknown as readonly [
        string,
        string,
        string,
      ],
      def: definitionOf('avgHandlingDays', lang),
      extra: t('statistics.handling', { avg: c.avgHandlingDays ?? '—', p90: c.p90HandlingDays ?? '—' }),
    },
    { key: 'returns', figure: 'returns' as const, v: count((f) => f.returns), def: definitionOf('returns', lang) },
  ];
  return (
    <Row gutter={[12, 12]} data-testid={unit ? 'stat-unit-cards' : 'stat-cards'}>
      {cards.map((card) => (
        <Col key={card.key} xs={24} sm={12} lg={8} xl={6}>
          <FigureCard
            figure={card.figure}
            value={card.v[0]}
            previous={card.v[1]}
            lastYear={card.v[2]}
            params={params}
            definition={card.def}
            extra={'extra' in card ? card.extra : undefined}
          />
        </Col>
      ))}
    </Row>
  );
}
