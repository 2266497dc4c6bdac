import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT } from '../../app/i18n.js';
import { follow } from '../../app/router.js';
import { useData } from '../../app/use-data.js';
import { kindKey } from '../../shared/labels.js';
import type { PublicStationSummary, Region } from '../../shared/types.js';

/**
 * The home page: raise an opinion (the station chosen in the form), or find a station by region
 * (one level at a time), by name, or nearest to me (by great-circle distance from the browser's
 * position, the distance shown). The list found is scrolled into view; stations that have
 * published nothing yet are marked.
 */
export default function FindPage() {
  const t = useT();
  const [trail, setTrail] = useState<Region[]>([]);
  const [search, setSearch] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [locating, setLocating] = useState(false);
  const [locError, setLocError] = useState(false);
  const parent = trail[trail.length - 1];
  const regions = useData<{ items: Region[] }>(`/api/public/regions${parent ? `?parent=${parent.code}` : ''}`);
  const stations = useData<{ items: PublicStationSummary[] }>(search);
  const found = useRef<HTMLElement>(null);
  const near = !!search?.includes('lat=');
  // Once the list has come, bring it into sight: on a phone it is far below the buttons.
  useEffect(() => {
    if (stations.data) found.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [stations.data]);

  const byName = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim()) setSearch(`/api/public/stations?q=${encodeURIComponent(text.trim())}`);
  };
  const nearMe = () => {
    setLocError(false);
    if (!navigator.geolocation) {
      setLocError(true);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setSearch(
          `/api/public/stations?lat=${pos.coords.latitude.toFixed(5)}&lng=${pos.coords.longitude.toFixed(5)}&limit=10`,
        );
      },
      () => {
        setLocating(false);
        setLocError(true);
      },
      { timeout: 10_000, maximumAge: 300_000 },
    );
  };

  return (
    <>
      <section className="card">
        <h1>{t('findTitle')}</h1>
        <p>{t('findIntro')}</p>
        <div className="stack">
          <a className="btn block" href="/new" onClick={follow} data-testid="raise-home">
            {t('raiseHome')}
          </a>
          <button type="button" className="btn ghost block" onClick={nearMe} disabled={locating} data-testid="nearest">
            {locating ? t('locating') : t('nearest')}
          </button>
          {locError && (
            <p className="error" role="alert">
              {t('locationDenied')}
            </p>
          )}
          <a className="btn ghost block" href="/follow" onClick={follow}>
            {t('followLink')}
          </a>
          <a className="btn ghost block" href="/stats" onClick={follow} data-testid="stats-link">
            {t('statsLink')}
          </a>
          <a className="btn ghost block" href="/suggestions" onClick={follow} data-testid="suggestions-link">
            {t('suggestionsLink')}
          </a>
        </div>
      </section>
      <form className="card" onSubmit={byName} role="search">
        <label className="field">
          <span className="label">{t('searchByName')}</span>
          <input
            className="input"
            name="q"
            value={text}
            maxLength={50}
            placeholder={t('searchPlaceholder')}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit" className="btn block">
          {t('search')}
        </button>
      </form>
      <section className="card" aria-labelledby="by-region">
        <h2 id="by-region">{t('byRegion')}</h2>
        <nav className="row" aria-label={t('byRegion')}>
          <button type="button" className="btn ghost" onClick={() => setTrail([])} disabled={!trail.length}>
            {t('allRegions')}
          </button>
          {trail.map((r, i) => (
            <button
              key={r.code}
              type="button"
              className="btn ghost"
              onClick={() => setTrail(trail.slice(0, i + 1))}
              aria-current={i === trail.length - 1 ? 'true' : undefined}
            >
              {r.name}
            </button>
          ))}
        </nav>
        {parent && (
          <button
            type="button"
            className="btn block"
            style={{ marginTop: 8 }}
            onClick={() => setSearch(`/api/public/stations?region=${parent.code}`)}
          >
            {t('stationsHere')}
          </button>
        )}
        <ul className="list" data-testid="regions">
          {regions.data?.items.map((r) => (
            <li key={r.code}>
              <button type="button" className="list-link" onClick={() => setTrail([...trail, r])}>
                {r.name}
              </button>
            </li>
          ))}
        </ul>
      </section>
      {search && (
        <section className="card" aria-live="polite" data-testid="stations" ref={found} aria-labelledby="found-title">
          <h2 id="found-title">{near ? t('nearestTitle') : t('foundTitle')}</h2>
          {stations.data && stations.data.items.length === 0 && <p>{t('noStations')}</p>}
          <ul className="list">
            {stations.data?.items.map((s) => (
              <li key={s.id}>
                <a className="list-link" href={`/s/${s.id}`} onClick={follow}>
                  <span>
                    <strong>{s.name}</strong>
                    <br />
                    <span className="muted">
                      {near && (
                        <span data-testid="distance">
                          {s.distanceKm !== null ? t('km', { n: s.distanceKm }) : t('distanceUnknown')}
                          {' · '}
                        </span>
                      )}
                      {t(kindKey(s.kind))}
                      {s.address && ` · ${s.address}`}
                    </span>
                    {!s.published && (
                      <>
                        <br />
                        <span className="tag" data-testid="nothing-published">
                          {t('nothingPublished')}
                        </span>
                      </>
                    )}
                  </span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
