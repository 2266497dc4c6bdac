import { Empty, Flex, Segmented, Skeleton } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { useSignOffs } from '../api.js';
import { SignOffQueueItem } from './SignOffCard.js';

/** /console/opinions/sign-offs: the street office head's queue — one press signs an assignment off. */
export function SignOffsPage() {
  const t = useT();
  const [state, setState] = useState<'pending' | 'approved' | 'declined'>('pending');
  const list = useSignOffs(state);
  return (
    <>
      <PageTitle>{t('opinions.signOff.queue')}</PageTitle>
      <Segmented
        style={{ marginBottom: 16 }}
        value={state}
        onChange={(v) => setState(v as typeof state)}
        options={[
          { value: 'pending', label: t('opinions.signOff.queue') },
          { value: 'approved', label: t('opinions.signOff.approvedTab') },
          { value: 'declined', label: t('opinions.signOff.declinedTab') },
        ]}
      />
      {list.isPending ? (
        <Skeleton active />
      ) : list.error ? (
        <ErrorAlert error={list.error} />
      ) : list.data.items.length === 0 ? (
        <Empty description={t('opinions.signOff.empty')} />
      ) : (
        <Flex vertical gap={12} data-testid="sign-off-queue" style={{ maxWidth: 760 }}>
          {list.data.items.map((s) => (
            <SignOffQueueItem key={s.id} s={s} />
          ))}
        </Flex>
      )}
    </>
  );
}
