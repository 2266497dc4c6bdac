import type { ApiError } from './api.js';
import { useT } from './i18n.js';
import { NotFound } from './NotFound.js';

/** A failed load: "not found" as a page, anything else with a retry. */
export function ErrorBox({ error, retry }: { error: ApiError; retry?: () => void }) {
  const t = useT();
  if (error.status === 404 || error.status === 400) return <NotFound />;
  return (
    <div className="card" role="alert">
      <p>{error.message}</p>
      {retry && (
        <button type="button" className="btn" onClick={retry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
