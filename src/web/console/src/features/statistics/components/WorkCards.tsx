import { Card, Col, Flex, Row, Statistic, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import {
  projectRatingLabels,
  projectStateLabels,
  suggestionRateDefinitions,
  suggestionRateKeys,
  type SuggestionRateKey,
} from '../../../../../../contracts/statistics.js';
import { stateLabels } from '../../../../../../contracts/suggestions.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { useWork, workDrillPath, type DashboardParams, type WorkStats } from '../api.js';
import { percent } from '../format.js';
import { ExportLinks } from './ExportLinks.js';

type UnitRow = WorkStats['suggestions']['units'][number];

/** Deputies' suggestions: counts, each rate with its definition; every figure lists the suggestions behind it. */
function SuggestionsCard({ w, params }: { w: WorkStats; params: DashboardParams }) {
  const t = useT();
  const { lang } = usePrefs();
  const l = lang === 'en' ? 'en' : 'zh';
  const f = w.suggestions.totals;
  const link = (
    figure: 'submitted' | 'counted' | 'answered' | 'overdue' | SuggestionRateKey,
    text: string,
    extra = {},
  ) => (
    <Link to={workDrillPath({ ...params, kind: 'suggestion', figure, ...extra })} data-testid={`stat-sg-${figure}`}>
      {text}
    </Link>
  );
  const counts = [
    ['submitted', t('statistics.sg.submitted'), f.submitted],
    ['counted', t('statistics.sg.counted'), f.counted],
    ['answered', t('statistics.sg.answered'), f.answered],
    ['overdue', t('statistics.sg.overdue'), f.overdue],
  ] as const;
  const unitCols: TableColumnsType<UnitRow> = [
    { key: 'name', title: t('statistics.col.name'), dataIndex: 'name', width: 160 },
    { key: 'counted', title: t('statistics.sg.counted'), width: 70, render: (_, r) => r.figures.counted },
    ...suggestionRateKeys.map((k) => ({
      key: k,
      title: suggestionRateDefinitions[k][l].name,
      width: 100,
      render: (_: unknown, r: UnitRow) =>
        r.figures.rates[k].den ? (
          <Link to={workDrillPath({ ...params, kind: 'suggestion', figure: k, unitId: r.id })}>
            {percent(r.figures.rates[k].value)}
          </Link>
        ) : (
          '—'
        ),
    })),
  ];
  return (
    <Card
      size="small"
      title={t('statistics.suggestions')}
      extra={<ExportLinks params={params} part="suggestions" />}
      data-testid="stat-suggestions"
    >
      <Row gutter={[12, 12]}>
        {counts.map(([k, label, n]) => (
          <Col key={k} xs={12} sm={6}>
            <Statistic title={link(k, label)} value={n} />
          </Col>
        ))}
        {suggestionRateKeys.map((k) => (
          <Col key={k} xs={24} sm={12} lg={6}>
            <Statistic title={link(k, suggestionRateDefinitions[k][l].name)} value={percent(f.rates[k].value)} />
            <Typography.Text type="secondary" style={{ fontSize: '0.8em' }}>
              {t('statistics.definition')}
              {suggestionRateDefinitions[k][l].text}
            </Typography.Text>
          </Col>
        ))}
      </Row>
      <Flex wrap gap={4} style={{ margin: '12px 0' }}>
        {w.suggestions.byState.map((s) => (
          <Link key={s.state} to={workDrillPath({ ...params, kind: 'suggestion', state: s.state })}>
            <Tag>
              {stateLabels[s.state as keyof typeof stateLabels]?.[l] ?? s.state} {s.count}
            </Tag>
          </Link>
        ))}
        <Tag color="blue">
          {t('statistics.sg.classes', { a: f.classes.A, b: f.classes.B, c: f.classes.C, d: f.classes.D })}
        </Tag>
      </Flex>
      {w.suggestions.units.length ? (
        <Table<UnitRow>
          size="small"
          rowKey="id"
          columns={unitCols}
          dataSource={w.suggestions.units}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="stat-sg-units"
        />
      ) : null}
    </Card>
  );
}

/** Livelihood projects of the period's years: by state and by year-end rating, each listing the projects. */
function ProjectsCard({ w, params }: { w: WorkStats; params: DashboardParams }) {
  const t = useT();
  const { lang } = usePrefs();
  const l = lang === 'en' ? 'en' : 'zh';
  const pj = w.projects;
  return (
    <Card
      size="small"
      title={t('statistics.projects', {
        years: pj.years.from === pj.years.to ? pj.years.from : `${pj.years.from}–${pj.years.to}`,
      })}
      extra={<ExportLinks params={params} part="projects" />}
      data-testid="stat-projects"
    >
      <Row gutter={[12, 12]}>
        <Col xs={12}>
          <Statistic
            title={
              <Link to={workDrillPath({ ...params, kind: 'project' })} data-testid="stat-pj-total">
                {t('statistics.pj.total')}
              </Link>
            }
            value={pj.total}
          />
        </Col>
        <Col xs={12}>
          <Statistic title={t('statistics.pj.cost')} value={(pj.cost / 10000).toFixed(1)} />
        </Col>
      </Row>
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
        {t('statistics.pj.byState')}
      </Typography.Text>
      <Flex wrap gap={4}>
        {pj.byState.map((s) => (
          <Link key={s.state} to={workDrillPath({ ...params, kind: 'project', state: s.state })}>
            <Tag>
              {projectStateLabels[s.state]?.[l] ?? s.state} {s.count}
            </Tag>
          </Link>
        ))}
      </Flex>
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
        {t('statistics.pj.byRating')}
      </Typography.Text>
      <Flex wrap gap={4}>
        {pj.byRating.map((s) => (
          <Link key={s.rating} to={workDrillPath({ ...params, kind: 'project', rating: s.rating })}>
            <Tag color={s.rating === 'dissatisfied' ? 'red' : s.rating ? 'green' : undefined}>
              {projectRatingLabels[s.rating]?.[l] ?? s.rating} {s.count}
            </Tag>
          </Link>
        ))}
      </Flex>
    </Card>
  );
}

/** Suggestions and projects on the dashboard. */
export function WorkCards({ params }: { params: DashboardParams }) {
  const q = useWork(params);
  if (q.error) return <ErrorAlert error={q.error} />;
  if (!q.data) return null;
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={16}>
        <SuggestionsCard w={q.data} params={params} />
      </Col>
      <Col xs={24} xl={8}>
        <ProjectsCard w={q.data} params={params} />
      </Col>
    </Row>
  );
}
