import { useQuery } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import { Suspense } from 'react';
import { Outlet, ScrollRestoration } from 'react-router';
import { ConnectionBanner } from '../../../shared/ConnectionBanner.js';
import { errorMessage } from './form-errors.js';
import { FullPageSpin } from './FullPageSpin.js';
import { useT } from './i18n.js';
import { sessionQuery } from './session.js';
import { SessionExpiredModal } from './SessionExpiredModal.js';
import { useIdleWatch } from './use-idle-watch.js';

/** Loads the session before anything else is shown; hosts the session-expired dialog. */
export function Root() {
  const t = useT();
  const session = useQuery(sessionQuery);
  useIdleWatch(session.data?.authenticated ?? false, session.data?.idleMinutes ?? 30);

  if (session.isPending) return <FullPageSpin />;
  if (session.isError && !session.data) {
    return (
      <Result
        status="error"
        title={t('error.loadFailed')}
        subTitle={errorMessage(session.error, t)}
        extra={
          <Button type="primary" onClick={() => void session.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }
  return (
    <>
      <Suspense fallback={<FullPageSpin />}>
        <Outlet />
      </Suspense>
      <SessionExpiredModal />
      <ConnectionBanner text={t('error.unavailable')} />
      <ScrollRestoration />
    </>
  );
}
