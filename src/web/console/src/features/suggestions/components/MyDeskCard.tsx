import { Button, Card, Col, Row, Statistic } from 'antd';
import { Link, useNavigate } from 'react-router';
import { useT, type MessageKey } from '../../../app/i18n.js';
import { useDesk } from '../api.js';

const shown: { key: 'drafts' | 'invitations' | 'toRate' | 'escalatedOpinions'; label: MessageKey; tab?: string }[] = [
  { key: 'drafts', label: 'suggestions.desk.count.drafts', tab: 'mine' },
  { key: 'invitations', label: 'suggestions.desk.count.invitations', tab: 'invitations' },
  { key: 'toRate', label: 'suggestions.desk.count.toRate', tab: 'toRate' },
  { key: 'escalatedOpinions', label: 'suggestions.desk.count.escalated' },
];

/** The home page's card for a deputy: the desk's numbers, each a way in. Nothing for an account not linked to a deputy. */
export function MyDeskCard() {
  const t = useT();
  const navigate = useNavigate();
  const desk = useDesk();
  if (!desk.data?.deputyId) return null;
  const counts = desk.data.counts;
  return (
    <Card
      title={t('suggestions.desk.title')}
      extra={
        <Button type="link" onClick={() => void navigate('/suggestions/desk')} data-testid="home-desk-open">
          {t('suggestions.home.open')}
        </Button>
      }
      data-testid="home-desk"
    >
      <Row gutter={[12, 12]}>
        {shown.map((c) => (
          <Col key={c.key} xs={12} md={6}>
            <Link
              to={c.tab ? `/suggestions/desk?tab=${c.tab}` : '/suggestions/desk'}
              style={{ display: 'block', height: '100%' }}
              aria-label={`${t(c.label)} ${counts[c.key]}`}
            >
              <Card hoverable size="small" style={{ height: '100%' }}>
                <Statistic
                  title={t(c.label)}
                  value={counts[c.key]}
                  styles={{ content: { color: counts[c.key] > 0 ? '#1668dc' : undefined } }}
                />
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}
