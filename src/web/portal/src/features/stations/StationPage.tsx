import { ErrorBox } from '../../app/ErrorBox.js';
import { useT } from '../../app/i18n.js';
import { Loading } from '../../app/Loading.js';
import { usePrefs } from '../../app/prefs.js';
import { follow, useLocation } from '../../app/router.js';
import { useData } from '../../app/use-data.js';
import { DeputyCard } from '../../shared/DeputyCard.js';
import { kindKey } from '../../shared/labels.js';
import type { PublicStation } from '../../shared/types.js';
import { Receptions } from '../receptions/Receptions.js';

/** A station's page (what its QR code opens): deputies, receptions, hours, workflow, rules, figures. */
export default function StationPage({ params }: { params: Record<string, string> }) {
  const t = useT();
  const { lang } = usePrefs();
  const { query } = useLocation();
  const { data: s, error, reload } = useData<PublicStation>(`/api/public/stations/${Number(params.id) || 0}`);
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!s) return <Loading />;
  const via = query.get('via') === 'qr' || query.has('qr') ? 'qrCode' : 'online';
  const day = (d: string) =>
    new Date(`${d}T00:00:00`).toLocaleDateString(lang, { month: 'long', day: 'numeric', weekday: 'short' });
  return (
    <>
      <section className="card">
        <h1>{s.name}</h1>
        <p className="muted">{t(kindKey(s.kind))}</p>
        {s.address && (
          <p>
            {t('address')}
            {t('colon')}
            {s.address}
          </p>
        )}
        {s.phone && (
          <p data-testid="station-phone">
            {t('stationPhone')}
            {t('colon')}
            <a className="phone-link" href={`tel:${s.phone.replace(/[^\d+]/g, '')}`}>
              {s.phone}
            </a>
          </p>
        )}
        {s.openingHours && (
          <p>
            {t('openingHours')}
            {t('colon')}
            {s.openingHours}
          </p>
        )}
        {!s.published && (
          <p className="muted" data-testid="nothing-published">
            {t('nothingPublishedHere')}
          </p>
        )}
        {s.onlineEnabled && (
          <a className="btn block" href={`/new?station=${s.id}&via=${via}`} onClick={follow} data-testid="raise">
            {t('raise')}
          </a>
        )}
      </section>
      <section className="card">
        <h2>{t('nextReceptions')}</h2>
        {s.receptionRule && <p>{s.receptionRule}</p>}
        {s.nextReceptionDays.length ? (
          <ul>
            {s.nextReceptionDays.map((d) => (
              <li key={d}>{day(d)}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('noReceptions')}</p>
        )}
        <Receptions stationId={s.id} />
      </section>
      {s.deputies.length > 0 && (
        <section className="card">
          <h2>{t('deputies')}</h2>
          <ul className="list">
            {s.deputies.map((d) => (
              <li key={d.id}>
                <DeputyCard deputy={d} />
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card">
        <h2>{t('stats', { year: s.stats.year })}</h2>
        <div className="stats">
          <div>
            <strong>{s.stats.received}</strong>
            {t('received')}
          </div>
          <div>
            <strong>{s.stats.answered}</strong>
            {t('answered')}
          </div>
          <div>
            <strong>{s.stats.satisfaction === null ? '—' : `${s.stats.satisfaction}%`}</strong>
            {t('satisfaction')}
          </div>
        </div>
      </section>
      {s.publishedWorkflow && (
        <section className="card">
          <h2>{t('workflow')}</h2>
          <p className="pre">{s.publishedWorkflow}</p>
        </section>
      )}
      {s.publishedRules && (
        <section className="card">
          <h2>{t('rules')}</h2>
          <p className="pre">{s.publishedRules}</p>
        </section>
      )}
      <nav className="card stack">
        <a className="btn ghost block" href="/follow" onClick={follow}>
          {t('followLink')}
        </a>
        <a className="btn ghost block" href={`/s/${s.id}/wall`} onClick={follow}>
          {t('wallNotice')}
        </a>
      </nav>
    </>
  );
}
