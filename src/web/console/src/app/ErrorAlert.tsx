import { Alert, Typography } from 'antd';
import type { ReactNode } from 'react';
import { ApiError } from './api-error.js';
import { errorMessage } from './form-errors.js';
import { useT } from './i18n.js';

interface ErrorAlertProps {
  error: unknown;
  action?: ReactNode;
  extra?: ReactNode;
}

/** An error in an antd Alert (role="alert"), with the request id for the help desk. */
export function ErrorAlert({ error, action, extra }: ErrorAlertProps) {
  const t = useT();
  const requestId = error instanceof ApiError ? error.requestId : null;
  const description =
    requestId || extra ? (
      <>
        {extra}
        {requestId ? (
          <Typography.Text type="secondary" style={{ fontSize: '0.85em' }}>
            {t('error.requestId', { id: requestId })}
          </Typography.Text>
        ) : null}
      </>
    ) : undefined;
  return <Alert type="error" showIcon title={errorMessage(error, t)} description={description} action={action} />;
}
