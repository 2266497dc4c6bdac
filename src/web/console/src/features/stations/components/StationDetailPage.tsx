import { ArrowLeftOutlined, EditOutlined, HistoryOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Skeleton } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { NotFoundPage } from '../../../app/NotFoundPage.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan } from '../../../app/session.js';
import { useStation } from '../api.js';
import { CompositionAlert } from './CompositionAlert.js';
import { DualStaff } from './DualStaff.js';
import { StationPhotos } from './StationPhotos.js';
import { LiaisonOfficers } from './LiaisonOfficers.js';
import { StationDetails } from './StationDetails.js';
import { StationFormModal } from './StationFormModal.js';
import { StationMembers } from './StationMembers.js';
import { WallPreview } from './WallPreview.js';
import { StationRatingsCard } from '../../duty/components/StationRatingsCard.js';

/** /console/stations/:id: one station: details, what it lacks, its deputies and liaison officers, its wall. */
export function StationDetailPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const { id } = useParams();
  const stationId = Number(id);
  const valid = Number.isSafeInteger(stationId) && stationId > 0;
  const [editing, setEditing] = useState(false);
  const station = useStation(stationId, valid);
  const data = station.data;

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/stations')}>
      {t('stations.back')}
    </Button>
  );

  if (!valid) return <NotFoundPage />;
  if (station.isPending) return <Skeleton active />;
  if (!data) return <ErrorAlert error={station.error} action={back} />;

  return (
    <>
      <PageTitle
        extra={
          <>
            {back}
            {can('station.manage') ? (
              <Button
                icon={<HistoryOutlined />}
                onClick={() => void navigate(`/stations/${data.id}/history`)}
                data-testid="station-history-link"
              >
                {t('stations.history')}
              </Button>
            ) : null}
            {can('station.manage') ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="edit-station"
              >
                {t('stations.edit')}
              </Button>
            ) : null}
          </>
        }
      >
        {data.name}
      </PageTitle>
      <Flex vertical gap={16}>
        <CompositionAlert station={data} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            <Flex vertical gap={16}>
              <Card title={t('stations.details')}>
                <StationDetails station={data} />
              </Card>
              <Card title={t('stations.members')}>
                <StationMembers station={data} />
              </Card>
              <Card title={t('stations.officers')}>
                <LiaisonOfficers station={data} />
              </Card>
              <Card title={t('stations.dualTitle')}>
                <DualStaff station={data} />
              </Card>
              <Card title={t('stations.photos')}>
                <StationPhotos station={data} />
              </Card>
            </Flex>
          </Col>
          <Col xs={24} xl={10}>
            <Flex vertical gap={16}>
              <WallPreview station={data} />
              {can('duty.read') ? <StationRatingsCard stationId={data.id} /> : null}
            </Flex>
          </Col>
        </Row>
      </Flex>
      <StationFormModal
        open={editing}
        station={data}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </>
  );
}
