import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { drillPath, useDashboard } from '../api.js';
import { definitionOf, percent, presetRange } from '../format.js';

/** The home's figures of this year for the user's scope (district, street, station or unit), each a link to its opinions. */
export function HomeStatsCard() {
  const t = useT();
  const { lang } = usePrefs();
  const params = presetRange('year');
  const q = useDashboard(params);
  const f = q.data?.totals.current;
  const tiles = f
    ? [
        { key: 'received', figure: 'received' as const, value: String(f.received) },
        { key: 'onTimeRate', figure: 'onTimeRate' as const, value: percent(f.rates.onTimeRate?.value) },
        ...(f.rates.satisfactionRate
          ? [
              {
                key: 'satisfactionRate',
                figure: 'satisfactionRate' as const,
                value: percent(f.rates.satisfactionRate.value),
              },
            ]
          : [{ key: 'responseRate', figure: 'responseRate' as const, value: percent(f.rates.responseRate?.value) }]),
        { key: 'overdueOpen', figure: 'overdueOpen' as const, value: String(f.overdueOpen) },
        { key: 'dueSoon', figure: 'dueSoon' as const, value: String(f.dueSoon) },
      ]
    : [];
  return (
    <Card
      title={q.data ? `${t('nav.statistics')} · ${q.data.scope.name}` : t('nav.statistics')}
      extra={<Link to="/statistics">{t('common.details')}</Link>}
      loading={q.isLoading}
      data-testid="home-stats"
    >
      <Row gutter={[12, 12]}>
        {tiles.map((tile) => (
          <Col key={tile.key} xs={12} sm={8} lg={4}>
            <Link to={drillPath({ ...params, figure: tile.figure, part: 'all' })}>
              <Statistic title={definitionOf(tile.figure, lang).name} value={tile.value} />
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
