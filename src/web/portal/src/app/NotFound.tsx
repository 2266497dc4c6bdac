import { useT } from './i18n.js';
import { follow } from './router.js';

export function NotFound() {
  const t = useT();
  return (
    <section className="card center">
      <h1>{t('notFound')}</h1>
      <a className="btn" href="/" onClick={follow}>
        {t('backHome')}
      </a>
    </section>
  );
}
