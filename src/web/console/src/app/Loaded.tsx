import { Empty, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.js';

/** What a card needs of a query (TanStack's plain and infinite queries both fit). */
interface QueryLike<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
}

/**
 * A query's states on a card, the same on every card: a skeleton while it loads, its error, the
 * `empty` message when `isEmpty` says there is nothing, else what `children` draws from the data.
 */
export function Loaded<T>({
  query,
  isEmpty,
  empty,
  children,
}: {
  query: QueryLike<T>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  if (query.isError || query.data === undefined) return <ErrorAlert error={query.error} />;
  if (isEmpty?.(query.data)) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return <>{children(query.data)}</>;
}
