import { useState } from 'react';
import { ApiError, post } from '../../app/api.js';
import { useT } from '../../app/i18n.js';

/** The page the booking SMS links to: one button to cancel (a link alone must not cancel, a preview bot would). */
export default function CancelPage() {
  const t = useT();
  const token = new URLSearchParams(window.location.search).get('t') ?? '';
  const [state, setState] = useState<'ready' | 'sending' | 'done'>('ready');
  const [error, setError] = useState<ApiError | null>(null);
  const cancel = () => {
    setState('sending');
    setError(null);
    post('/api/public/receptions/appointments/cancel', { token }).then(
      () => setState('done'),
      (err: unknown) => {
        setState('ready');
        setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', String(err)));
      },
    );
  };
  return (
    <article className="card">
      <h1>{t('cancelTitle')}</h1>
      {state === 'done' ? (
        <p role="status" data-testid="cancel-done">
          {t('cancelDone')}
        </p>
      ) : (
        <>
          <p>{t('cancelText')}</p>
          {error && (
            <p className="error" role="alert">
              {error.status === 404 || error.status === 400 ? t('cancelDead') : error.message}
            </p>
          )}
          <button
            type="button"
            className="btn block"
            onClick={cancel}
            disabled={!token || state === 'sending'}
            data-testid="cancel-booking"
          >
            {t('cancelButton')}
          </button>
        </>
      )}
    </article>
  );
}
