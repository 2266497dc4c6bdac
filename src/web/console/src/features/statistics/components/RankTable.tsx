import { Table, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { rateKeys, type RankedRow } from '../../../../../../contracts/statistics.js';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { drillPath, type DashboardParams } from '../api.js';
import { definitionOf, percent } from '../format.js';

/** A ranked table (streets, stations, units, deputies); with `drill`, each rate lists the opinions behind it. */
export function RankTable({
  rows,
  params,
  drill,
  testId,
}: {
  rows: RankedRow[];
  params: DashboardParams;
  drill: boolean;
  testId: string;
}) {
  const t = useT();
  const { lang } = usePrefs();
  const keys = rateKeys.filter((k) => rows.some((r) => r.figures.rates[k] !== undefined));
  const columns: TableColumnsType<RankedRow> = [
    { key: 'rank', title: t('statistics.col.rank'), dataIndex: 'rank', width: 56 },
    { key: 'name', title: t('statistics.col.name'), dataIndex: 'name', width: 160 },
    { key: 'received', title: t('statistics.col.received'), render: (_, r) => r.figures.received, width: 80 },
    ...keys.map((k) => ({
      key: k,
      title: definitionOf(k, lang).name,
      width: 100,
      render: (_: unknown, r: RankedRow) => {
        const text = percent(r.figures.rates[k]?.value);
        return drill && r.figures.rates[k]?.den ? (
          <Link
            to={drillPath({ ...params, orgId: r.id, figure: k, part: 'all' })}
            data-testid={`${testId}-${k}-${r.id}`}
          >
            {text}
          </Link>
        ) : (
          text
        );
      },
    })),
    { key: 'overdue', title: t('statistics.col.overdue'), render: (_, r) => r.figures.overdueOpen, width: 70 },
  ];
  return (
    <Table<RankedRow>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('statistics.empty') }}
      data-testid={testId}
    />
  );
}
