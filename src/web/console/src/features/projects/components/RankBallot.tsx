import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Divider, Flex, Tag, Typography } from 'antd';
import { Fragment, useEffect, useRef, useState } from 'react';
import { useT } from '../../../app/i18n.js';
import { wan, type VoteView } from '../api.js';

/** The order of a rank ballot: project ids, first place first (an untouched ballot: the ballot order). */
export const rankOrder = (vote: VoteView, order: number[]) =>
  order.length ? order : vote.candidateList.map((c) => c.projectId);

const offScreen = { position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' } as const;

/**
 * The rank ballot (排序) on a phone: every candidate in a card with its place, moved with Up and Down
 * buttons (keyboard: Tab to a button, Enter or Space; the focus follows the moved project and the
 * new place is announced), a line under the places with their running cost against the ceiling.
 */
export function RankBallot({
  vote,
  order: given,
  onChange,
}: {
  vote: VoteView;
  order: number[];
  onChange: (order: number[]) => void;
}) {
  const t = useT();
  const order = rankOrder(vote, given);
  const byId = new Map(vote.candidateList.map((c) => [c.projectId, c]));
  const places = vote.selection?.places ?? 0;
  const ceiling = vote.selection?.budgetCeiling ?? null;
  const total = order.slice(0, places).reduce((s, id) => s + (byId.get(id)?.cost ?? 0), 0);
  const buttons = useRef(new Map<string, HTMLElement | null>());
  const [moved, setMoved] = useState<{ id: number; dir: 'up' | 'down' } | null>(null);
  useEffect(() => {
    if (!moved) return;
    const same = buttons.current.get(`${moved.id}:${moved.dir}`);
    const other = buttons.current.get(`${moved.id}:${moved.dir === 'up' ? 'down' : 'up'}`);
    (same && !(same as HTMLButtonElement).disabled ? same : other)?.focus();
  }, [moved, order]);
  const move = (i: number, dir: 'up' | 'down') => {
    const j = dir === 'up' ? i - 1 : i + 1;
    const next = [...order];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
    setMoved({ id: order[i]!, dir });
  };
  const over = ceiling !== null && total > ceiling;
  const line = t('projects.rank.line', { n: places, total: wan(total) });
  const movedTo = moved ? order.indexOf(moved.id) + 1 : 0;
  return (
    <Flex vertical gap={8} data-testid="rank-ballot">
      <Alert type="info" showIcon title={t('projects.rank.hint')} />
      {order.map((id, i) => {
        const c = byId.get(id)!;
        return (
          <Fragment key={id}>
            <Card size="small" data-testid={`rank-item-${i + 1}`}>
              <Flex align="center" gap={8}>
                <Tag color={i < places ? 'blue' : 'default'} style={{ fontSize: '1.1em', marginInlineEnd: 0 }}>
                  {t('projects.rank.place', { n: i + 1 })}
                </Tag>
                <div style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong data-testid="rank-title">
                    {c.title}
                  </Typography.Text>
                  <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                    {t('projects.costWan', { n: wan(c.cost) })} · {c.unitName ?? ''}
                  </Typography.Paragraph>
                </div>
                <Flex vertical gap={4}>
                  {(['up', 'down'] as const).map((dir) => (
                    <Button
                      key={dir}
                      ref={(el) => void buttons.current.set(`${id}:${dir}`, el)}
                      icon={dir === 'up' ? <ArrowUpOutlined /> : <ArrowDownOutlined />}
                      aria-label={`${t(`projects.rank.${dir}`)}${t('common.colon')}${c.title}`}
                      disabled={dir === 'up' ? i === 0 : i === order.length - 1}
                      onClick={() => move(i, dir)}
                      data-testid={`rank-${dir}-${c.position}`}
                    >
                      {t(`projects.rank.${dir}`)}
                    </Button>
                  ))}
                </Flex>
              </Flex>
            </Card>
            {i + 1 === places && i + 1 < order.length ? (
              <Divider style={{ margin: '4px 0', whiteSpace: 'normal' }} data-testid="rank-line">
                <Typography.Text type={over ? 'danger' : 'secondary'}>{line}</Typography.Text>
              </Divider>
            ) : null}
          </Fragment>
        );
      })}
      <Alert
        type={over ? 'error' : 'info'}
        data-testid="ballot-total"
        title={line + (ceiling !== null ? t('projects.ballot.ceiling', { ceiling: wan(ceiling) }) : '')}
      />
      <div aria-live="polite" style={offScreen}>
        {moved ? t('projects.rank.moved', { title: byId.get(moved.id)!.title, n: movedTo }) : ''}
      </div>
    </Flex>
  );
}
