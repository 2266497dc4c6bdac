import { Card } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { DigestList } from './DigestList.js';

/** The deputy's home card: the newest documents that concern their open suggestions. */
export function DigestCard() {
  const t = useT();
  return (
    <Card
      title={t('dutyDigest.title')}
      extra={<Link to="/duty/digest">{t('dutyDigest.all')}</Link>}
      data-testid="home-digest"
    >
      <DigestList limit={3} />
    </Card>
  );
}
