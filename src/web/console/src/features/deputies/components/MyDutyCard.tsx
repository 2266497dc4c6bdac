import { Card, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { Link } from 'react-router';
import type { MyDuty } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { useCan } from '../../../app/session.js';
import { ModeTag, StatusTag } from '../../receptions/components/ReceptionTags.js';
import { useMyDuty } from '../api.js';

type Reception = MyDuty['receptions'][number];

/** The home page's "my duty" (我的履职) card: shown only to a signed-in user linked to a deputy. */
export function MyDutyCard() {
  const t = useT();
  const can = useCan();
  const duty = useMyDuty();
  const deputy = duty.data?.deputy;
  if (!deputy) return null;

  const columns: TableColumnsType<Reception> = [
    {
      key: 'day',
      title: t('deputies.myDuty.col.day'),
      render: (_, r) =>
        can('reception.read') ? (
          <Link to={`/receptions/${r.id}`}>{`${r.day} ${r.start}–${r.end}`}</Link>
        ) : (
          `${r.day} ${r.start}–${r.end}`
        ),
    },
    { key: 'station', title: t('deputies.myDuty.col.station'), dataIndex: 'stationName' },
    { key: 'mode', title: t('deputies.myDuty.col.mode'), render: (_, r) => <ModeTag mode={r.mode} /> },
    { key: 'status', title: t('deputies.myDuty.col.status'), render: (_, r) => <StatusTag status={r.status} /> },
  ];

  return (
    <Card
      title={t('deputies.myDuty.title')}
      extra={
        can('deputy.read') ? <Link to={`/deputies?deputy=${deputy.id}`}>{t('deputies.myDuty.profile')}</Link> : null
      }
      data-testid="home-my-duty"
    >
      <Flex vertical gap={12}>
        {/* The deputy's own organisation (as the duty record names it) and the stations they serve at, each labelled. */}
        <Flex gap={8} wrap align="baseline" data-testid="my-duty-places">
          <Typography.Text strong>{deputy.name}</Typography.Text>
          <Typography.Text type="secondary">{t('deputies.myDuty.org')}</Typography.Text>
          <Typography.Text>{deputy.orgName}</Typography.Text>
          {deputy.stations.length ? (
            <Typography.Text type="secondary">{t('deputies.myDuty.stations')}</Typography.Text>
          ) : null}
          {deputy.stations.map((s) => (
            <Tag key={s.id} color={s.isHead ? 'gold' : 'default'} style={{ marginInlineEnd: 0 }}>
              {can('station.read') ? <Link to={`/stations/${s.id}`}>{s.name}</Link> : s.name}
              {s.isHead ? ` · ${t('deputies.head')}` : ''}
            </Tag>
          ))}
        </Flex>
        <Typography.Text type="secondary">
          {t('deputies.myDuty.range', { from: duty.data!.from, to: duty.data!.to })}
        </Typography.Text>
        <ResponsiveTable<Reception>
          rowKey="id"
          size="small"
          columns={columns}
          dataSource={duty.data!.receptions}
          pagination={false}
          locale={{ emptyText: t('deputies.myDuty.none') }}
          scroll={{ x: 'max-content' }}
        />
      </Flex>
    </Card>
  );
}
