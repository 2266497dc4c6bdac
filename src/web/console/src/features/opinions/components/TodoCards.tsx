import { Card, Col, Empty, Row, Skeleton, Statistic } from 'antd';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useMe } from '../../../app/session.js';
import { useTodoCounts } from '../api.js';
import { myQueues, todoQueues } from '../values.js';

/**
 * One card per to-do queue this user works (and any other queue that happens to hold something),
 * each opening the list filtered to it.
 */
export function TodoCards({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const me = useMe();
  const counts = useTodoCounts();
  if (counts.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (counts.isError) return <ErrorAlert error={counts.error} />;
  const mine = myQueues(me);
  const byQueue = new Map(counts.data.map((q) => [q.queue, q.count]));
  const shown = todoQueues.filter((q) => mine.has(q) || (byQueue.get(q) ?? 0) > 0);
  if (shown.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinions.todoPage.empty')} />;

  return (
    <Row gutter={[16, 16]}>
      {shown.map((queue) => {
        const count = byQueue.get(queue) ?? 0;
        return (
          <Col key={queue} xs={12} md={8} xl={compact ? 6 : 4}>
            <Link
              to={`/opinions?todo=${queue}`}
              style={{ display: 'block', height: '100%' }}
              data-testid={`todo-${queue}`}
              aria-label={`${t(`opinionTodo.${queue}`)} ${count}`}
            >
              <Card hoverable size={compact ? 'small' : 'default'} style={{ height: '100%' }}>
                <Statistic
                  title={t(`opinionTodo.${queue}`)}
                  value={count}
                  styles={{ content: { color: count > 0 ? '#1668dc' : undefined } }}
                />
              </Card>
            </Link>
          </Col>
        );
      })}
    </Row>
  );
}
