import { Button, Card } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { TodoCards } from './TodoCards.js';

/** The home page's "my to-do" card. */
export function MyTodoCard() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Card
      title={t('opinions.todoPage.title')}
      extra={
        <Button type="link" onClick={() => void navigate('/opinions')}>
          {t('nav.opinions')}
        </Button>
      }
      data-testid="home-todo"
    >
      <TodoCards compact />
    </Card>
  );
}
