import { Button, Card, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { TodoCards } from '../../opinions/components/TodoCards.js';
import { WorkLists } from './RoleHomes.js';

/** /console/opinions/todo: the counts of my queues, then under each the opinions behind it. */
export function TodoListPage() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <>
      <PageTitle extra={<Button onClick={() => void navigate('/opinions')}>{t('opinions.back')}</Button>}>
        {t('opinions.todoPage.title')}
      </PageTitle>
      <Flex vertical gap={16}>
        <Card>
          <TodoCards />
        </Card>
        <Typography.Text type="secondary">{t('home.todo.intro')}</Typography.Text>
        <WorkLists mode="stack" size={10} />
      </Flex>
    </>
  );
}
