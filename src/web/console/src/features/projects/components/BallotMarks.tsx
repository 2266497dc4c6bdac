import { Alert, Card, Checkbox, Flex, Radio, Typography } from 'antd';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { wan, type BallotChoices, type VoteView } from '../api.js';
import { RankBallot, rankOrder } from './RankBallot.js';

export type Marks = Record<number, BallotChoices[number]['mark'] | undefined>;
/** A ballot being filled in: the marks, or on a rank ballot the order (project ids, first place first). */
export interface Ballot {
  marks: Marks;
  order: number[];
}
export const emptyBallot: Ballot = { marks: {}, order: [] };

/** The marks of one ballot as the API takes them (choose ballots send only the chosen ones; rank ballots every place). */
export function choicesOf(vote: VoteView, ballot: Ballot): BallotChoices {
  if (vote.selection?.form === 'rank')
    return rankOrder(vote, ballot.order).map((projectId, i) => ({ projectId, mark: 'ranked', rank: i + 1 }));
  return vote.candidateList.flatMap((c) => {
    const mark = ballot.marks[c.projectId];
    return mark ? [{ projectId: c.projectId, mark }] : [];
  });
}

/** The ballot: one card per candidate (phone first), the mark set of the form (or the ranking), and the running total against the ceiling. */
export function BallotMarks({
  vote,
  ballot,
  onChange,
}: {
  vote: VoteView;
  ballot: Ballot;
  onChange: (b: Ballot) => void;
}) {
  const t = useT();
  if (vote.selection?.form === 'rank')
    return <RankBallot vote={vote} order={ballot.order} onChange={(order) => onChange({ ...ballot, order })} />;
  const { marks } = ballot;
  const rating = vote.kind === 'rating';
  const choose = vote.selection?.form === 'choose';
  const max = vote.selection?.maxChoices ?? vote.selection?.places ?? 0;
  const options = rating
    ? (['satisfied', 'basicallySatisfied', 'dissatisfied'] as const).map((m) => ({
        value: m,
        label: t(`projects.rating.${m}` as MessageKey),
      }))
    : (['for', 'against', 'abstain'] as const).map((m) => ({ value: m, label: t(`projects.${m}` as MessageKey) }));
  const positive = vote.candidateList.filter((c) => marks[c.projectId] === 'for' || marks[c.projectId] === 'chosen');
  const total = positive.reduce((s, c) => s + c.cost, 0);
  const ceiling = vote.selection?.budgetCeiling ?? null;
  return (
    <Flex vertical gap={8}>
      {vote.candidateList.map((c) => (
        <Card key={c.projectId} size="small" data-testid={`candidate-${c.position}`}>
          <Typography.Text strong>
            {c.position}. {c.title}
          </Typography.Text>
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
            {t('projects.costWan', { n: wan(c.cost) })} · {c.unitName ?? ''} · {c.expectedCompletion}
          </Typography.Paragraph>
          {choose ? (
            <Checkbox
              checked={marks[c.projectId] === 'chosen'}
              onChange={(e) =>
                onChange({ ...ballot, marks: { ...marks, [c.projectId]: e.target.checked ? 'chosen' : undefined } })
              }
            >
              {t('projects.chosenMark')}
            </Checkbox>
          ) : (
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              aria-label={c.title}
              // null, not undefined: an emptied ballot must show nothing marked (undefined leaves the radio uncontrolled).
              value={marks[c.projectId] ?? null}
              onChange={(e) =>
                onChange({ ...ballot, marks: { ...marks, [c.projectId]: e.target.value as Marks[number] } })
              }
              options={options}
            />
          )}
        </Card>
      ))}
      {!rating ? (
        <Alert
          type={ceiling !== null && total > ceiling ? 'error' : 'info'}
          title={
            t('projects.ballot.total', { total: wan(total) }) +
            (ceiling !== null ? t('projects.ballot.ceiling', { ceiling: wan(ceiling) }) : '') +
            (choose ? ` · ${t('projects.ballot.chosenCount', { n: positive.length, max })}` : '')
          }
          data-testid="ballot-total"
        />
      ) : null}
    </Flex>
  );
}
