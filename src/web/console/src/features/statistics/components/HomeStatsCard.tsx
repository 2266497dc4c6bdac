import { Card, Col, Row, Statistic, Typography } from 'antd';
import type { RateKey } from '../../../../../../contracts/statistics.js';
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { drillPath, useDashboard } from '../api.js';
import { definitionOf, percent, presetRange } from '../format.js';

/** Below this many counted opinions a rate on the home is "—" (its base is still shown). */
export const homeRateMinBase = 5;

/** The home's figures of this year for the user's scope (district, street, station or unit), each a link to its opinions. */
export function HomeStatsCard() {
  const t = useT();
  const { lang } = usePrefs();
  const params = presetRange('year');
  const q = useDashboard(params);
  const f = q.data?.totals.current;
  // A rate shows its base (numerator/denominator, as the statistics count them); on a base too small to say
  // anything (a single answered opinion is "100 %") the rate itself is "—", as with nothing to count at all.
  const rate = (key: RateKey) => {
    const r = f?.rates[key];
    return {
      key,
      figure: key,
      value: r && r.den >= homeRateMinBase ? percent(r.value) : '—',
      base: r ? t('home.stats.base', { num: r.num, den: r.den }) : undefined,
      few: !!r && r.den > 0 && r.den < homeRateMinBase,
    };
  };
  const tiles = f
    ? [
        { key: 'received', figure: 'received' as const, value: String(f.received) },
        rate('onTimeRate'),
        rate(f.rates.satisfactionRate ? 'satisfactionRate' : 'responseRate'),
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
          <Col key={tile.key} xs={12} sm={8} lg={4} data-testid={`home-stats-${tile.key}`}>
            <Link to={drillPath({ ...params, figure: tile.figure, part: 'all' })}>
              <Statistic title={definitionOf(tile.figure, lang).name} value={tile.value} />
            </Link>
            {'base' in tile && tile.base ? (
              <Typography.Text
                type="secondary"
                data-testid={`home-stats-base-${tile.key}`}
                title={tile.few ? t('home.stats.few', { n: homeRateMinBase }) : undefined}
              >
                {tile.few ? t('home.stats.fewBase', { base: tile.base }) : tile.base}
              </Typography.Text>
            ) : null}
          </Col>
        ))}
      </Row>
    </Card>
  );
}
