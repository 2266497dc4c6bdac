import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { NotFoundPage } from '../../../app/NotFoundPage.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan } from '../../../app/session.js';
import { useOpinion } from '../api.js';
import { AssignmentsList } from './AssignmentsList.js';
import { OpinionActions } from './OpinionActions.js';
import { OpinionContent } from './OpinionContent.js';
import { AttachFileButton } from './AttachFileButton.js';
import { OpinionFacts } from './OpinionFacts.js';
import { ProjectLinksCard } from '../../projects/components/ProjectLinksCard.js';
import { OpinionFiles } from './OpinionFiles.js';
import { OpinionStateTag } from './OpinionStateTag.js';
import { OpinionTimeline } from './OpinionTimeline.js';
import { PendingSignOff } from './SignOffCard.js';

/** /console/opinions/:id: one opinion: the steps open to me first, then content, handling and timeline. */
export function OpinionDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const can = useCan();
  const { id } = useParams();
  const opinionId = Number(id);
  const valid = Number.isSafeInteger(opinionId) && opinionId > 0;
  const opinion = useOpinion(opinionId, valid);
  const o = opinion.data;

  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      // Back to the list as it was filtered, when the user came from it; else to the whole list.
      onClick={() =>
        void ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate('/opinions'))
      }
    >
      {t('opinions.back')}
    </Button>
  );

  if (!valid) return <NotFoundPage />;
  if (opinion.isPending) return <Skeleton active />;
  if (!o) return <ErrorAlert error={opinion.error} action={back} />;
  // Who works on it may add photos and documents until it ends (the server decides who exactly).
  const mayAttach =
    !['closed', 'merged', 'rejected'].includes(o.state) && (can('opinion.register') || o.allowedActions.length > 0);

  return (
    <>
      <PageTitle extra={back}>
        <Flex gap={12} align="center" wrap component="span">
          <span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} data-testid="opinion-receipt">
            {o.receiptCode}
          </span>
          <OpinionStateTag state={o.state} rating={o.rating} large />
        </Flex>
      </PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
          <Flex vertical gap={16}>
            <Card title={t('opinions.detail.content')}>
              <OpinionContent opinion={o} />
            </Card>
            {o.files.length || mayAttach ? (
              <Card title={t('opinions.files.title')} extra={mayAttach ? <AttachFileButton opinionId={o.id} /> : null}>
                {o.files.length ? (
                  <OpinionFiles opinion={o} />
                ) : (
                  <Typography.Text type="secondary">{t('opinions.files.none')}</Typography.Text>
                )}
              </Card>
            ) : null}
            <Card title={t('opinions.detail.assignments')}>
              <AssignmentsList assignments={o.assignments} opinionId={o.id} files={o.files} />
            </Card>
            <Card title={t('opinions.detail.timeline')}>
              <OpinionTimeline events={o.events} />
            </Card>
          </Flex>
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
          <Flex vertical gap={16}>
            {o.pendingSignOff ? <PendingSignOff signOff={o.pendingSignOff} /> : null}
            <Card title={t('opinions.detail.actions')}>
              <OpinionActions opinion={o} />
            </Card>
            <Card title={t('opinions.detail.facts')}>
              <OpinionFacts opinion={o} />
            </Card>
            <ProjectLinksCard opinionId={o.id} />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
