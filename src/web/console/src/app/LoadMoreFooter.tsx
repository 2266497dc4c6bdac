import { Button, Flex, Typography } from 'antd';
import { useT } from './i18n.js';

/** Under a keyset-paged table: how many rows are shown, and "load more" while more remain. */
export function LoadMoreFooter({
  shown,
  hasMore,
  loading,
  onMore,
}: {
  shown: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  const t = useT();
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
      <Typography.Text type="secondary">{t('common.shown', { n: shown })}</Typography.Text>
      {hasMore ? (
        <Button onClick={onMore} loading={loading} data-testid="load-more">
          {t('common.loadMore')}
        </Button>
      ) : shown > 0 ? (
        <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
      ) : null}
    </Flex>
  );
}
