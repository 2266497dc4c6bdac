import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { TableColumnsType, TableProps } from 'antd';
import { useMemo } from 'react';
import type { Page } from './contracts.js';
import { ErrorAlert } from './ErrorAlert.js';
import { LoadMoreFooter } from './LoadMoreFooter.js';
import { ResponsiveTable } from './ResponsiveTable.js';

/**
 * A keyset-paged list (a TanStack infinite query over `Page<T>`): its error, its rows as one
 * table (cards on a phone), and the "load more" footer.
 */
export function PagedTable<T extends { id: number }>({
  list,
  columns,
  emptyText,
  scrollX,
  onRow,
  testId,
}: {
  list: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  columns: TableColumnsType<T>;
  emptyText: string;
  scrollX?: number;
  onRow?: TableProps<T>['onRow'];
  testId?: string;
}) {
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  return (
    <>
      {list.isError ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={list.error} />
        </div>
      ) : null}
      <ResponsiveTable<T>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={list.isFetching && !list.isFetchingNextPage}
        pagination={false}
        scroll={scrollX ? { x: scrollX } : undefined}
        locale={{ emptyText }}
        onRow={onRow}
        data-testid={testId}
      />
      <LoadMoreFooter
        shown={rows.length}
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onMore={() => void list.fetchNextPage()}
      />
    </>
  );
}
