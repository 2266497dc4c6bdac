import { Card, Descriptions, Table, Tag, Typography } from 'antd';
import { scoreItemLabel, type Score } from '../../../../../../contracts/duty.js';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';

/** A year's score explained line by line (item, count, points, subtotal, cap), its total and band. */
export function ScoreCard({ score }: { score: Score }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <Card size="small" title={t('duty.score.title', { year: score.year })} data-testid={`score-${score.year}`}>
      {score.rulesVersion === null ? (
        <Typography.Text type="secondary">{t('duty.score.noRules')}</Typography.Text>
      ) : (
        <>
          <Table
            size="small"
            rowKey="item"
            pagination={false}
            dataSource={score.lines}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: t('duty.score.item'),
                dataIndex: 'item',
                render: (i: string) => scoreItemLabel(i, lang === 'en' ? 'en' : 'zh'),
              },
              { title: t('duty.score.count'), dataIndex: 'count', align: 'right' },
              { title: t('duty.score.points'), dataIndex: 'points', align: 'right' },
              {
                title: t('duty.score.subtotal'),
                dataIndex: 'subtotal',
                align: 'right',
                render: (v: number, l) => (
                  <>
                    {v}
                    {l.note?.startsWith('cap:') ? (
                      <Tag style={{ marginInlineStart: 4 }}>{t('duty.score.cap', { n: l.note.slice(4) })}</Tag>
                    ) : null}
                  </>
                ),
              },
            ]}
          />
          <Descriptions size="small" column={2} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('duty.score.total')}>
              <strong data-testid="score-total">{score.total}</strong>
            </Descriptions.Item>
            <Descriptions.Item label={t('duty.score.band')}>{score.band ?? '—'}</Descriptions.Item>
          </Descriptions>
        </>
      )}
    </Card>
  );
}
