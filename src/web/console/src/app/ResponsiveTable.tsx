import { SettingOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Empty,
  Flex,
  Pagination,
  Popover,
  Spin,
  Table,
  Typography,
  type TableColumnType,
  type TableProps,
} from 'antd';
import { useMemo, useState, type HTMLAttributes, type Key, type ReactNode } from 'react';
import { useT } from './i18n.js';
import { useNarrow } from './use-narrow.js';

export interface ResponsiveTableProps<T> extends TableProps<T> {
  /** On a phone, the card's heading in place of the first column's cell. */
  cardTitle?: (row: T, index: number) => ReactNode;
  /**
   * Lets the reader choose the columns shown on a wide screen ("显示列"); the choice is kept in this
   * browser under this name. Columns need a `key`; the first one always stays.
   */
  chooseColumns?: string;
  'data-testid'?: string;
}

type Column<T> = TableColumnType<T> & { children?: Column<T>[] };

/** The leaf columns, without those hidden or meant for wide screens only (`responsive` without xs). */
function leaves<T>(columns: readonly Column<T>[] | undefined): Column<T>[] {
  return (columns ?? []).flatMap((c) =>
    c.children ? leaves(c.children) : c.hidden || (c.responsive && !c.responsive.includes('xs')) ? [] : [c],
  );
}

function valueAt(row: unknown, path: TableColumnType<unknown>['dataIndex']): unknown {
  if (path === undefined || path === null) return undefined;
  const steps = Array.isArray(path) ? path : [path];
  return steps.reduce<unknown>(
    (v, step) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[step as string] : undefined),
    row,
  );
}

/** What a column shows for a row, as the table would render it. */
function cell<T>(column: Column<T>, row: T, index: number): ReactNode {
  const value = valueAt(row, column.dataIndex as TableColumnType<unknown>['dataIndex']);
  const out: unknown = column.render ? column.render(value, row, index) : value;
  // A render may return { children, props } (cell spans): the children are what shows.
  if (out && typeof out === 'object' && 'children' in out && 'props' in out && !('$$typeof' in out))
    return (out as { children: ReactNode }).children;
  return out as ReactNode;
}

const blank = (n: ReactNode) => n === null || n === undefined || n === '' || n === '—' || n === false;

function rowKeyOf<T>(rowKey: TableProps<T>['rowKey'], row: T, index: number): Key {
  if (typeof rowKey === 'function') return rowKey(row, index);
  const v = valueAt(row, (rowKey ?? 'key') as string);
  return typeof v === 'string' || typeof v === 'number' ? v : index;
}

const STORE = 'liaison.columns.';

function storedHidden(name: string | undefined): string[] {
  if (!name) return [];
  try {
    const v: unknown = JSON.parse(localStorage.getItem(STORE + name) ?? '[]');
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** "显示列": a checkbox per column; the first column cannot be turned off. */
function ColumnChooser<T>({
  columns,
  hidden,
  onChange,
}: {
  columns: Column<T>[];
  hidden: string[];
  onChange: (hidden: string[]) => void;
}) {
  const t = useT();
  const keyed = columns.filter((c) => c.key !== undefined);
  const content = (
    <Flex vertical gap={6} data-testid="column-chooser-list">
      {keyed.map((c, i) => {
        const key = String(c.key);
        return (
          <Checkbox
            key={key}
            checked={!hidden.includes(key)}
            disabled={i === 0}
            onChange={(e) => onChange(e.target.checked ? hidden.filter((k) => k !== key) : [...hidden, key])}
            data-testid={`column-choice-${key}`}
          >
            {typeof c.title === 'function' ? key : (c.title as ReactNode)}
          </Checkbox>
        );
      })}
    </Flex>
  );
  return (
    <Popover content={content} trigger="click" placement="bottomRight">
      <Button size="small" icon={<SettingOutlined />} data-testid="column-chooser">
        {t('common.columns')}
      </Button>
    </Popover>
  );
}

/** One row as a card: its heading, then each column as "label value", actions (untitled columns) last. */
function RowCard<T>({
  row,
  index,
  columns,
  cardTitle,
  rowProps,
  className,
  expanded,
}: {
  row: T;
  index: number;
  columns: Column<T>[];
  cardTitle?: (row: T, index: number) => ReactNode;
  rowProps: HTMLAttributes<HTMLElement> & { 'data-testid'?: string };
  className?: string;
  expanded?: ReactNode;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [first, ...rest] = columns;
  const heading = cardTitle ? cardTitle(row, index) : first ? cell(first, row, index) : null;
  const fields = rest
    .map((c, i) => ({
      key: String(c.key ?? i),
      title: typeof c.title === 'function' ? null : c.title,
      node: cell(c, row, index),
    }))
    .filter((f) => !blank(f.node));
  const labelled = fields.filter((f) => !blank(f.title as ReactNode));
  const bare = fields.filter((f) => blank(f.title as ReactNode));
  const { onClick, style, className: rowClass, ...attrs } = rowProps;
  return (
    <Card
      size="small"
      hoverable={Boolean(onClick)}
      onClick={onClick}
      className={['responsive-card', className, rowClass].filter(Boolean).join(' ')}
      style={style}
      styles={{ body: { padding: 12 } }}
      {...attrs}
    >
      <Flex vertical gap={8}>
        {blank(heading) ? null : <div style={{ fontWeight: 600, overflowWrap: 'anywhere' }}>{heading}</div>}
        {labelled.length > 0 ? (
          <dl className="responsive-card-fields">
            {labelled.map((f) => (
              <div key={f.key}>
                <dt>
                  <Typography.Text type="secondary">{f.title as ReactNode}</Typography.Text>
                </dt>
                <dd>{f.node}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {bare.length > 0 ? (
          <Flex gap={8} wrap align="center">
            {bare.map((f) => (
              <div key={f.key}>{f.node}</div>
            ))}
          </Flex>
        ) : null}
        {expanded ? (
          <>
            <Button
              type="link"
              size="small"
              style={{ alignSelf: 'flex-start', paddingInline: 0 }}
              onClick={(e) => {
                e.stopPropagation();
                setOpen(!open);
              }}
            >
              {open ? t('common.less') : t('common.more')}
            </Button>
            {open ? <div onClick={(e) => e.stopPropagation()}>{expanded}</div> : null}
          </>
        ) : null}
      </Flex>
    </Card>
  );
}

/** The rows as cards (a phone): same columns, same row handlers and test ids, paged as the table would be. */
function CardList<T extends object>(props: ResponsiveTableProps<T>) {
  const { columns, dataSource, rowKey, onRow, locale, loading, pagination, rowClassName, expandable, cardTitle } =
    props;
  const shown = useMemo(() => leaves(columns as Column<T>[]), [columns]);
  const rows = dataSource ?? [];
  const paged = pagination !== false;
  const pageSize = (pagination && pagination.pageSize) || 10;
  const [asked, setPage] = useState(1);
  // Fewer rows than before (a new filter): back to the last page there is.
  const page = Math.min(asked, Math.max(1, Math.ceil(rows.length / pageSize)));
  const current = paged ? rows.slice((page - 1) * pageSize, page * pageSize) : rows;
  const spinning = typeof loading === 'object' ? Boolean(loading.spinning) : Boolean(loading);
  const empty = locale?.emptyText;
  return (
    <Spin spinning={spinning}>
      <div className="responsive-cards" data-testid={props['data-testid']}>
        {rows.length === 0 ? (
          spinning ? (
            <div style={{ minHeight: 80 }} />
          ) : (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={typeof empty === 'function' ? null : (empty ?? undefined)}
            />
          )
        ) : (
          <Flex vertical gap={8}>
            {current.map((row, i) => {
              const index = paged ? (page - 1) * pageSize + i : i;
              const rowProps = (onRow?.(row, index) ?? {}) as HTMLAttributes<HTMLElement>;
              const className = typeof rowClassName === 'function' ? rowClassName(row, index, 0) : rowClassName;
              const expanded =
                expandable?.expandedRowRender && (expandable.rowExpandable?.(row) ?? true)
                  ? expandable.expandedRowRender(row, index, 0, true)
                  : undefined;
              return (
                <RowCard
                  key={rowKeyOf(rowKey, row, index)}
                  row={row}
                  index={index}
                  columns={shown}
                  cardTitle={cardTitle}
                  rowProps={rowProps}
                  className={className}
                  expanded={expanded}
                />
              );
            })}
          </Flex>
        )}
        {paged && rows.length > pageSize ? (
          <Flex justify="center" style={{ marginTop: 12 }}>
            <Pagination simple current={page} pageSize={pageSize} total={rows.length} onChange={setPage} />
          </Flex>
        ) : null}
      </div>
    </Spin>
  );
}

/**
 * A list that fits its screen: antd's Table on a wide screen (headers never wrap mid-word; with
 * `chooseColumns` the reader chooses the columns, and a wide table keeps its scrollbar in view),
 * and on a phone (narrower than 768 px) the same rows as cards built from the same columns, so
 * nothing scrolls sideways. Takes Table's props.
 */
export function ResponsiveTable<T extends object>(props: ResponsiveTableProps<T>) {
  const narrow = useNarrow();
  const { cardTitle: _cardTitle, chooseColumns, className, columns, scroll, ...table } = props;
  const [hidden, setHidden] = useState(() => storedHidden(chooseColumns));
  if (narrow) return <CardList {...props} />;
  const keep = (hidden: string[]) => {
    setHidden(hidden);
    if (chooseColumns) localStorage.setItem(STORE + chooseColumns, JSON.stringify(hidden));
  };
  const shown = chooseColumns
    ? (columns ?? []).filter((c, i) => i === 0 || c.key === undefined || !hidden.includes(String(c.key)))
    : columns;
  const element = (
    <Table<T>
      {...table}
      columns={shown}
      scroll={scroll}
      // A long list with many columns keeps its header and its horizontal scrollbar in view while the page scrolls.
      sticky={chooseColumns && scroll?.x !== undefined ? { offsetHeader: 0 } : table.sticky}
      className={['responsive-table', className].filter(Boolean).join(' ')}
    />
  );
  if (!chooseColumns) return element;
  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <ColumnChooser columns={leaves(columns as Column<T>[])} hidden={hidden} onChange={keep} />
      </Flex>
      {element}
    </>
  );
}
