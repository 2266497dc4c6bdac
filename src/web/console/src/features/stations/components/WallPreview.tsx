import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { StationView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { useStationDeputies } from '../api.js';
import { ReceptionDays } from './ReceptionDays.js';

const sheet: CSSProperties = {
  border: '1px solid #d9d9d9',
  borderTop: '6px solid #c41d1d',
  background: '#fff',
  padding: '24px 28px',
  fontSize: '1.05em',
  lineHeight: 1.7,
};
const heading: CSSProperties = {
  fontSize: '1em',
  fontWeight: 600,
  color: '#c41d1d',
  margin: '18px 0 6px',
  borderBottom: '1px solid #f0f0f0',
  paddingBottom: 4,
};
const cell: CSSProperties = { padding: '4px 8px', borderBottom: '1px solid #f5f5f5', verticalAlign: 'top' };
const label: CSSProperties = { ...cell, width: '1%', whiteSpace: 'nowrap', textAlign: 'start' };

/** Prints only the preview sheet: the rest of the page is hidden while the print dialog is up. */
function printSheet() {
  document.body.classList.add('print-wall');
  window.addEventListener('afterprint', () => document.body.classList.remove('print-wall'), { once: true });
  window.print();
}

/** What the station publishes on its wall (and online), laid out like the printed notice. */
export function WallPreview({ station }: { station: StationView }) {
  const t = useT();
  const deputies = useStationDeputies(station.id);
  const byId = new Map((deputies.data ?? []).map((d) => [d.id, d]));
  // Members arrive head first; deputies who have left office are not published.
  const members = station.members.filter((m) => (byId.get(m.deputyId)?.status ?? 'serving') === 'serving');

  const text = (value: string | null): ReactNode =>
    value ? (
      <span style={{ whiteSpace: 'pre-wrap' }}>{value}</span>
    ) : (
      <Typography.Text type="secondary">{t('stations.wallMissing')}</Typography.Text>
    );

  return (
    <Card
      title={t('stations.wall')}
      extra={
        <Button icon={<PrinterOutlined />} onClick={printSheet} size="small">
          {t('stations.wallPrint')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('stations.wallHint')}</Typography.Paragraph>
      <div className="wall-preview" style={sheet} data-testid="wall-preview">
        <div style={{ textAlign: 'center' }}>
          <div style={{ fontSize: '1.5em', fontWeight: 700, letterSpacing: 2 }}>{station.name}</div>
          <div style={{ color: '#595959' }}>
            {t(`stationKind.${station.kind}`)}
            {station.domain ? ` · ${station.domain}` : ''}
          </div>
        </div>
        {station.photos[0] ? (
          <img
            src={station.photos[0].url}
            alt={station.photos[0].caption ?? station.name}
            style={{ display: 'block', width: '100%', maxHeight: 220, objectFit: 'cover', marginTop: 16 }}
          />
        ) : null}
        <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: 16 }}>
          <tbody>
            <tr>
              <th style={label}>{t('stations.wallAddress')}</th>
              <td style={cell}>{text(station.address)}</td>
            </tr>
            <tr>
              <th style={label}>{t('stations.wallHours')}</th>
              <td style={cell}>{text(station.openingHours)}</td>
            </tr>
            <tr>
              <th style={label}>{t('stations.wallReception')}</th>
              <td style={cell}>
                <ReceptionDays station={station} compact />
              </td>
            </tr>
          </tbody>
        </table>
        <div style={heading}>{t('stations.wallMembers')}</div>
        {members.length ? (
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <tbody>
              {members.map((m) => (
                <tr key={m.deputyId}>
                  <td style={{ ...cell, width: '40%' }}>
                    <strong>{m.name}</strong>
                    {m.isHead ? <span style={{ color: '#c41d1d' }}>{t('stations.wallHead')}</span> : null}
                  </td>
                  <td style={cell}>
                    {byId.get(m.deputyId)?.occupation ?? ''}
                    {byId.get(m.deputyId)?.publicContact ? (
                      <div style={{ color: '#595959' }}>
                        {t('stations.wallContact', { contact: byId.get(m.deputyId)?.publicContact ?? '' })}
                      </div>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <Typography.Text type="secondary">{t('stations.wallMissing')}</Typography.Text>
        )}
        <div style={heading}>{t('stations.wallRules')}</div>
        {text(station.publishedRules)}
        <div style={heading}>{t('stations.wallWorkflow')}</div>
        {text(station.publishedWorkflow)}
      </div>
    </Card>
  );
}
