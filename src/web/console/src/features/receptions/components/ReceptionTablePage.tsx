import { Col, Result, Row } from 'antd';
import { Link, useParams } from 'react-router';
import { FullPageSpin } from '../../../app/FullPageSpin.js';
import { useT } from '../../../app/i18n.js';
import { useTableQueue } from '../hooks/use-table-queue.js';
import { useTableReception } from '../hooks/use-table-reception.js';
import { TableAppointmentsCard } from './TableAppointmentsCard.js';
import { TableHeader } from './TableHeader.js';
import { TableOpinionCard } from './TableOpinionCard.js';
import { TableRecordCard } from './TableRecordCard.js';
import { TableSignInCard } from './TableSignInCard.js';
import { TableUnsentCard } from './TableUnsentCard.js';
import { TableVisitorsCard } from './TableVisitorsCard.js';

/**
 * /console/receptions/:id/table — the reception table (接待台) on a tablet: sign-in, visitors,
 * opinions into the closed loop, the record, closing. Works offline: entries wait in IndexedDB with
 * their idempotency keys and go when the network returns; the screen always lists what is unsent.
 * It sits outside the console frame so that it loads (from the service worker's cache) without a network.
 */
export function ReceptionTablePage() {
  const t = useT();
  const receptionId = Number(useParams().id);
  const { reception, fromSnapshot, loadError, load, busy, direct } = useTableReception(receptionId);
  const queue = useTableQueue(receptionId, load);

  if (loadError && !reception)
    return <Result status="warning" title={loadError} extra={<Link to="/receptions">{t('receptions.back')}</Link>} />;
  if (!reception) return <FullPageSpin />;
  const open = reception.status === 'published';
  const offlineOrBusy = !queue.online || busy;

  return (
    <div style={{ padding: 16, maxWidth: 1200, margin: '0 auto' }}>
      <TableHeader
        reception={reception}
        online={queue.online}
        offlineReady={queue.offlineReady}
        fromSnapshot={fromSnapshot}
      />
      <TableUnsentCard
        pending={queue.pending}
        failed={queue.failed}
        syncing={queue.syncing}
        onSync={() => void queue.sync()}
        onDiscard={(key) => void queue.discard(key)}
      />
      <Row gutter={12}>
        <Col xs={24} lg={10}>
          <TableSignInCard reception={reception} open={open} pendingSignIns={queue.pendingSignIns} onAdd={queue.add} />
          <TableVisitorsCard visitors={reception.visitors + queue.pendingVisitors} open={open} onAdd={queue.add} />
        </Col>
        <Col xs={24} lg={14}>
          <TableOpinionCard reception={reception} open={open} onAdd={queue.add} />
          <TableAppointmentsCard reception={reception} disabled={offlineOrBusy} direct={direct} />
          <TableRecordCard
            reception={reception}
            open={open}
            disabled={offlineOrBusy}
            pendingCount={queue.pending.length}
            direct={direct}
          />
        </Col>
      </Row>
    </div>
  );
}
