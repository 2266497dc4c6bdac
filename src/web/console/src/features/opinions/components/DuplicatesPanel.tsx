import { ExportOutlined } from '@ant-design/icons';
import { Card, Empty, Flex, List, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import type { OpinionHints } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { OpinionStateTag } from './OpinionStateTag.js';

/** Likely duplicates of what is being typed, each opening in a new tab (the form keeps its text). */
export function DuplicatesPanel({ duplicates, loading }: { duplicates: OpinionHints['duplicates']; loading: boolean }) {
  const t = useT();
  return (
    <Card
      title={t('opinions.new.duplicates')}
      // A small spinner while looking: the list itself stays put as the officer types.
      extra={loading ? <Spin size="small" /> : null}
      data-testid="duplicates"
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('opinions.new.duplicatesHelp')}
      </Typography.Paragraph>
      {duplicates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('opinions.new.noDuplicates')} />
      ) : (
        <List
          dataSource={duplicates}
          renderItem={(d) => (
            <List.Item key={d.id} data-testid="duplicate">
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap>
                  <Link
                    to={`/opinions/${d.id}`}
                    target="_blank"
                    rel="noopener"
                    style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontWeight: 600 }}
                  >
                    {d.receiptCode} <ExportOutlined style={{ fontSize: '0.85em' }} />
                  </Link>
                  <OpinionStateTag state={d.state} />
                </Flex>
                <Typography.Text>{d.excerpt}</Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
