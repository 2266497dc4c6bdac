import { Typography } from 'antd';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useDigest } from '../digest-api.js';
import { DigestList } from './DigestList.js';

/** /console/duty/digest: all the documents of the last days that concern the deputy's open suggestions (phone first). */
export function DigestPage() {
  const t = useT();
  const digest = useDigest();
  return (
    <>
      <PageTitle>{t('dutyDigest.title')}</PageTitle>
      {digest.data ? (
        <Typography.Paragraph type="secondary">
          {t('dutyDigest.intro', { days: digest.data.days, n: digest.data.openSuggestions })}
        </Typography.Paragraph>
      ) : null}
      <DigestList />
    </>
  );
}
