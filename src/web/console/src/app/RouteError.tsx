import { Button, Result } from 'antd';
import { useT } from './i18n.js';

/** Anything that breaks while rendering (a stale chunk after an upgrade, a bug): offer a reload. */
export function RouteError() {
  const t = useT();
  return (
    <Result
      status="error"
      title={t('error.loadFailed')}
      subTitle={t('error.unexpected')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
