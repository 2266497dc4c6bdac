import { Button, Card } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { TodoCards } from './TodoCards.js';

/** /console/opinions/todo: my queues of the loop with their counts. */
export function TodoPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle extra={<Button onClick={() => void navigate('/opinions')}>{t('opinions.back')}</Button>}>
        {t('opinions.todoPage.title')}
      </PageTitle>
      <Card>
        <TodoCards />
      </Card>
    </>
  );
}
