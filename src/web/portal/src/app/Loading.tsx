import { useT } from './i18n.js';

export function Loading() {
  const t = useT();
  return (
    <p className="muted center" role="status">
      {t('loading')}
    </p>
  );
}
