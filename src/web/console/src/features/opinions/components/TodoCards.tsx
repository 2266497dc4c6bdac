import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useCan, useMe } from '../../../app/session.js';
import { useTodoCounts } from '../api.js';
import { shownQueues } from '../values.js';

/**
 * One card per to-do queue this user works (and any other queue that happens to hold something),
 * each opening the list filtered to it.
 */
export function TodoCards({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const me = useMe();
  const can = useCan();
  const counts = useTodoCounts();
  if (counts.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (counts.isError) return <ErrorAlert error={counts.error} />;
  const shown = shownQueues(me, counts.data.queues);
  // Beside the queues: the head's sign-offs, and what is late or about to be.
  const extra: Tile[] = [
    ...(can('opinion.signOff')
      ? [
          {
            key: 'signOffs',
            label: t('opinions.signOff.queue'),
            count: counts.data.signOffs,
            to: '/opinions/sign-offs',
          },
        ]
      : []),
    ...(counts.data.overdue > 0
      ? [
          {
            key: 'overdue',
            label: t('opinionTodo.overdue'),
            count: counts.data.overdue,
            to: '/opinions?overdue=true',
            danger: true,
          },
        ]
      : []),
    ...(counts.data.dueSoon > 0
      ? [
          {
            key: 'dueSoon',
            label: t('opinionTodo.dueSoon'),
            count: counts.data.dueSoon,
            to: '/opinions?dueSoon=true',
            warn: true,
          },
        ]
      : []),
  ];
  const tiles: Tile[] = [
    ...extra,
    ...shown.map(({ queue, count }) => ({
      key: queue,
      label: t(`opinionTodo.${queue}`),
      count,
      to: `/opinions?todo=${queue}`,
    })),
  ];
  if (tiles.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinions.todoPage.empty')} />;

  return (
    <Row gutter={[16, 16]}>
      {tiles.map((tile) => (
        <Col key={tile.key} xs={12} md={8} xl={compact ? 6 : 4}>
          <Link
            to={tile.to}
            style={{ display: 'block', height: '100%' }}
            data-testid={`todo-${tile.key}`}
            aria-label={`${tile.label} ${tile.count}`}
          >
            <Card hoverable size={compact ? 'small' : 'default'} style={{ height: '100%' }}>
              <Statistic
                title={tile.label}
                value={tile.count}
                styles={{
                  content: {
                    color: tile.danger ? '#cf1322' : tile.warn ? '#d46b08' : tile.count > 0 ? '#1668dc' : undefined,
                  },
                }}
              />
            </Card>
          </Link>
        </Col>
      ))}
    </Row>
  );
}

interface Tile {
  key: string;
  label: string;
  count: number;
  to: string;
  danger?: boolean;
  warn?: boolean;
}
