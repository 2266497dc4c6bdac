import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Skeleton } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { NotFoundPage } from '../../../app/NotFoundPage.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useCan } from '../../../app/session.js';
import { useSuggestion } from '../api.js';
import { useNarrow } from '../../../app/use-narrow.js';
import { numberStyle } from '../values.js';
import { ProjectLinksCard } from '../../projects/components/ProjectLinksCard.js';
import { TopicOrigin } from '../../statistics/components/TopicOrigin.js';
import { HandlingCard } from './HandlingCard.js';
import { SignersCard } from './SignersCard.js';
import { hasActions, SuggestionActions } from './SuggestionActions.js';
import { SuggestionClock } from './SuggestionClock.js';
import { SuggestionContent } from './SuggestionContent.js';
import { SuggestionFacts } from './SuggestionFacts.js';
import { SuggestionStateTag } from './SuggestionStateTag.js';
import { SuggestionTimeline } from './SuggestionTimeline.js';

/** /console/suggestions/:id: one suggestion: what I may do first, then the text, co-signers, handling, timeline. */
export function SuggestionDetailPage() {
  const t = useT();
  const can = useCan();
  const navigate = useNavigate();
  const narrow = useNarrow();
  const { id } = useParams();
  const suggestionId = Number(id);
  const valid = Number.isSafeInteger(suggestionId) && suggestionId > 0;
  const suggestion = useSuggestion(suggestionId, valid);
  const s = suggestion.data;
  // Back to where the user came from; else to the list they work from.
  const home = can('suggestion.read') || can('suggestion.handle') ? '/suggestions' : '/suggestions/desk';
  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => void ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate(home))}
    >
      {t('suggestions.back')}
    </Button>
  );

  if (!valid) return <NotFoundPage />;
  if (suggestion.isPending) return <Skeleton active />;
  if (!s) return <ErrorAlert error={suggestion.error} action={back} />;

  const actions = (
    <Card title={t('suggestions.detail.actions')} size="small">
      <SuggestionActions suggestion={s} />
    </Card>
  );
  const content = (
    <Card size="small">
      <TopicOrigin suggestionId={s.id} />
      <SuggestionContent suggestion={s} />
    </Card>
  );
  const signers = <SignersCard suggestion={s} />;
  // The clock runs from the assignment; before it there is nothing to show.
  const clock = s.clock.assignedOn ? (
    <Card title={t('suggestions.clock.title')} size="small">
      <SuggestionClock suggestion={s} />
    </Card>
  ) : null;
  const facts = (
    <>
      <Card title={t('suggestions.detail.facts')} size="small">
        <SuggestionFacts suggestion={s} />
      </Card>
      <ProjectLinksCard suggestionId={s.id} />
    </>
  );
  const handling = s.state !== 'draft' && s.state !== 'submitted' ? <HandlingCard suggestion={s} /> : null;
  const timeline = (
    <Card title={t('suggestions.timeline.title')} size="small">
      <SuggestionTimeline suggestion={s} />
    </Card>
  );

  return (
    <>
      <PageTitle extra={back}>
        <Flex gap={12} align="center" wrap component="span">
          <span style={numberStyle} data-testid="suggestion-number">
            {s.number ?? t('suggestions.noNumber')}
          </span>
          <SuggestionStateTag state={s.state} large />
        </Flex>
      </PageTitle>
      {narrow ? (
        // A phone: one column, what I may do first, then what it says, then where it stands.
        <Flex vertical gap={12}>
          {/* Nothing to do: a phone goes straight to the text. */}
          {hasActions(s) ? actions : null}
          {content}
          {signers}
          {clock}
          {facts}
          {handling}
          {timeline}
        </Flex>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
            <Flex vertical gap={16}>
              {content}
              {signers}
              {handling}
              {timeline}
            </Flex>
          </Col>
          <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
            <Flex vertical gap={16}>
              {actions}
              {clock}
              {facts}
            </Flex>
          </Col>
        </Row>
      )}
    </>
  );
}
