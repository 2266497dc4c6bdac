import { App, Button, Checkbox, Flex, Table, Tag } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useAssess, useAssessments, type AssessmentsView } from '../api.js';
import { YearSelect } from './YearSelect.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

type Row = AssessmentsView['rows'][number];

/** Stations against the year's standard ("六有"): items ticked per station, the score, and who falls short. */
export function AssessmentTab({ canAssess }: { canAssess: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [year, setYear] = useState(chinaYear());
  const list = useAssessments(year);
  const assess = useAssess();
  const [edits, setEdits] = useState<Record<number, Record<string, boolean>>>({});
  const met = (r: Row, key: string) => edits[r.stationId]?.[key] ?? r.items.find((i) => i.key === key)!.met;
  const items = list.data?.rows[0]?.items ?? [];
  return (
    <Flex vertical gap={8}>
      <YearSelect value={year} onChange={setYear} />
      {(list.error ?? assess.error) && <ErrorAlert error={list.error ?? assess.error} />}
      <Table<Row>
        size="small"
        rowKey="stationId"
        loading={list.isPending}
        dataSource={list.data?.rows ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `assessment-${r.stationId}` }) as object}
        columns={[
          { title: t('duty.assess.station'), dataIndex: 'stationName', fixed: 'left' },
          ...items.map((it) => ({
            title: it.label,
            key: it.key,
            render: (_: unknown, r: Row) => (
              <Checkbox
                checked={met(r, it.key)}
                disabled={!canAssess}
                aria-label={`${r.stationName} ${it.label}`}
                onChange={(e) =>
                  setEdits({ ...edits, [r.stationId]: { ...edits[r.stationId], [it.key]: e.target.checked } })
                }
              />
            ),
          })),
          {
            title: t('duty.assess.score'),
            dataIndex: 'score',
            render: (v: number | null, r) => (v === null ? '—' : `${v}/${r.passScore}`),
          },
          {
            title: t('duty.assess.result'),
            key: 'passed',
            render: (_, r) =>
              r.assessmentId === null ? (
                <Tag>{t('duty.assess.notYet')}</Tag>
              ) : (
                <Tag color={r.passed ? 'green' : 'red'}>{t(r.passed ? 'duty.assess.passed' : 'duty.assess.short')}</Tag>
              ),
          },
          ...(canAssess
            ? [
                {
                  title: '',
                  key: 'save',
                  render: (_: unknown, r: Row) => (
                    <Button
                      size="small"
                      loading={assess.isPending}
                      data-testid="assessment-save"
                      onClick={() =>
                        assess.mutate(
                          {
                            stationId: r.stationId,
                            year,
                            items: r.items.map((i) => ({ key: i.key, met: met(r, i.key) })),
                          },
                          { onSuccess: () => void message.success(t('duty.assess.saved')) },
                        )
                      }
                    >
                      {t('duty.assess.save')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}
