import { QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Modal, QRCode, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { chinaYear } from '../../../../../../contracts/calendar.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { pct, useRatingLink, useReceptionRatings, type ReceptionRatingsView } from '../more-api.js';
import { YearSelect } from './YearSelect.js';

type Reception = ReceptionRatingsView['receptions'][number];

/** The QR code visitors scan at the station to rate the reception (shown on the table's screen or printed). */
function RatingQr({ reception, onClose }: { reception: Reception; onClose: () => void }) {
  const t = useT();
  const link = useRatingLink();
  const [url, setUrl] = useState<string | null>(null);
  return (
    <Modal open title={t('dutyMore.ratingQr')} onCancel={onClose} footer={null} destroyOnHidden>
      <Typography.Paragraph strong>
        {reception.stationName} · {reception.day} {reception.start}
        {reception.theme ? ` · ${reception.theme}` : ''}
      </Typography.Paragraph>
      {link.error && <ErrorAlert error={link.error} />}
      {url ? (
        <Flex vertical align="center" gap={8} data-testid="rating-qr">
          <QRCode value={url} size={220} />
          <Typography.Text>{t('dutyMore.ratingQrHelp')}</Typography.Text>
          <Typography.Text copyable={{ text: url }} type="secondary" data-testid="rating-url">
            {url}
          </Typography.Text>
        </Flex>
      ) : (
        <Button
          type="primary"
          loading={link.isPending}
          onClick={() => link.mutate(reception.receptionId, { onSuccess: (r) => setUrl(r.url) })}
          data-testid="rating-qr-show"
        >
          {t('dutyMore.ratingQrShow')}
        </Button>
      )}
    </Modal>
  );
}

/** 接待满意度: each station's figure for the year, each reception's ratings and comments, the on-the-spot QR code. */
export function ReceptionRatingsTab() {
  const t = useT();
  const [year, setYear] = useState(chinaYear());
  const [qr, setQr] = useState<Reception | null>(null);
  const data = useReceptionRatings(year);
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center">
        <YearSelect value={year} onChange={setYear} />
        <Typography.Text type="secondary">{t('dutyMore.ratingsIntro')}</Typography.Text>
      </Flex>
      {data.error && <ErrorAlert error={data.error} />}
      <Flex gap={8} wrap>
        {(data.data?.stations ?? []).map((s) => (
          <Card
            key={s.stationId}
            size="small"
            style={{ minWidth: 160, flex: '1 1 160px' }}
            data-testid={`rating-station-${s.stationId}`}
          >
            <Statistic
              title={s.stationName}
              value={s.ratings ? pct(s.satisfiedShare) : '—'}
              suffix={<Typography.Text type="secondary">{t('dutyMore.ratingsN', { n: s.ratings })}</Typography.Text>}
            />
            <Typography.Text type="secondary">
              {t('dutyMore.ratingsSplit', {
                s: s.satisfied,
                b: s.basicallySatisfied,
                d: s.dissatisfied,
              })}
            </Typography.Text>
          </Card>
        ))}
      </Flex>
      <Table<Reception>
        size="small"
        rowKey="receptionId"
        loading={data.isPending}
        dataSource={data.data?.receptions ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-testid': `rating-reception-${r.receptionId}` }) as object}
        expandable={{
          rowExpandable: (r) => r.comments.length > 0,
          expandedRowRender: (r) => (
            <ul style={{ margin: 0 }}>
              {r.comments.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          ),
        }}
        columns={[
          {
            title: t('dutyMore.ratingsDay'),
            render: (_, r) => (
              <Flex vertical>
                <span>
                  {r.day} {r.start}
                </span>
                <Typography.Text type="secondary">{r.stationName}</Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('dutyMore.ratingsShare'),
            render: (_, r) => (
              <Flex vertical>
                <span>{r.ratings ? pct(r.satisfiedShare) : '—'}</span>
                <Typography.Text type="secondary">{t('dutyMore.ratingsN', { n: r.ratings })}</Typography.Text>
              </Flex>
            ),
          },
          {
            title: '',
            key: 'qr',
            render: (_, r) => (
              <Button
                size="small"
                icon={<QrcodeOutlined />}
                aria-label={t('dutyMore.ratingQr')}
                title={t('dutyMore.ratingQr')}
                onClick={() => setQr(r)}
                data-testid={`rating-qr-${r.receptionId}`}
              />
            ),
          },
        ]}
      />
      {qr && <RatingQr reception={qr} onClose={() => setQr(null)} />}
    </Flex>
  );
}
