import { Card, Flex, List, Statistic, Typography } from 'antd';
import { chinaYear } from '../../../../../../contracts/calendar.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { pct, useReceptionRatings } from '../more-api.js';

/**
 * 接待满意度 on a station's page: the year's share of (basically) satisfied visitors' ratings of its
 * receptions, the split, and its recent rated receptions (the duty desk has the full table).
 */
export function StationRatingsCard({ stationId }: { stationId: number }) {
  const t = useT();
  const year = chinaYear();
  const data = useReceptionRatings(year, stationId);
  const station = data.data?.stations.find((s) => s.stationId === stationId);
  const rated = (data.data?.receptions ?? []).filter((r) => r.ratings > 0).slice(0, 5);
  return (
    <Card title={t('dutyMore.stationRatings', { year })} loading={data.isPending} data-testid="station-ratings">
      {data.error && <ErrorAlert error={data.error} />}
      {!station?.ratings ? (
        <Typography.Text type="secondary">{t('dutyMore.stationRatingsNone')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <Statistic
            value={pct(station.satisfiedShare)}
            suffix={
              <Typography.Text type="secondary">{t('dutyMore.ratingsN', { n: station.ratings })}</Typography.Text>
            }
          />
          <Typography.Text type="secondary">
            {t('dutyMore.ratingsSplit', {
              s: station.satisfied,
              b: station.basicallySatisfied,
              d: station.dissatisfied,
            })}
          </Typography.Text>
          <Typography.Text strong>{t('dutyMore.stationRecent')}</Typography.Text>
          <List
            size="small"
            dataSource={rated}
            renderItem={(r) => (
              <List.Item key={r.receptionId} style={{ paddingInline: 0 }}>
                <span>
                  {r.day} {r.start}
                  {r.theme ? ` · ${r.theme}` : ''}
                </span>
                <span>
                  {pct(r.satisfiedShare)} · {t('dutyMore.ratingsN', { n: r.ratings })}
                </span>
              </List.Item>
            )}
          />
        </Flex>
      )}
    </Card>
  );
}
