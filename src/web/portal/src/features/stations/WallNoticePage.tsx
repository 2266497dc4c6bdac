import { useEffect, useState } from 'react';
import { ErrorBox } from '../../app/ErrorBox.js';
import { useT } from '../../app/i18n.js';
import { Loading } from '../../app/Loading.js';
import { useData } from '../../app/use-data.js';
import { kindKey, levelKey } from '../../shared/labels.js';
import { QrCode } from '../../shared/QrCode.js';
import type { PublicStation } from '../../shared/types.js';

/** 上墙公布: the station's notice for the wall, A4 or A3, with its deputies and its QR code. */
export default function WallNoticePage({ params }: { params: Record<string, string> }) {
  const t = useT();
  const [size, setSize] = useState<'A4' | 'A3'>('A4');
  const { data: s, error, reload } = useData<PublicStation>(`/api/public/stations/${Number(params.id) || 0}`);
  useEffect(() => {
    const style = document.createElement('style');
    style.textContent = `@page { size: ${size}; margin: 12mm; }`;
    document.head.appendChild(style);
    document.body.classList.toggle('a3', size === 'A3');
    return () => {
      style.remove();
      document.body.classList.remove('a3');
    };
  }, [size]);
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!s) return <Loading />;
  const url = `${location.origin}/s/${s.id}`;
  return (
    <>
      <div className="no-print row" style={{ marginBottom: 12 }}>
        <label className="row">
          <span>A4 / A3</span>
          <select
            className="input"
            style={{ width: 'auto' }}
            value={size}
            onChange={(e) => setSize(e.target.value as 'A4' | 'A3')}
          >
            <option value="A4">A4</option>
            <option value="A3">A3</option>
          </select>
        </label>
        <button type="button" className="btn" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <article className="sheet" data-testid="wall-sheet">
        <h1>{s.name}</h1>
        <p className="center">
          {t(kindKey(s.kind))}
          {s.address ? ` · ${s.address}` : ''}
        </p>
        {s.phone && (
          <p className="center sheet-phone" data-testid="wall-phone">
            {t('stationPhone')}
            {t('colon')}
            <strong>{s.phone}</strong>
          </p>
        )}
        <h2>{t('deputies')}</h2>
        <div className="sheet-grid">
          {s.deputies.map((d) => (
            <div className="sheet-deputy" key={d.id}>
              {d.photoUrl ? (
                <img src={d.photoUrl} alt={t('photoOf', { name: d.name })} />
              ) : (
                <div className="avatar" style={{ margin: '0 auto' }} aria-hidden="true" />
              )}
              <div>
                <strong>{d.name}</strong> {d.isHead && <span className="tag">{t('head')}</span>}
              </div>
              <div>{d.levels.map((l) => t(levelKey(l))).join(t('listSep'))}</div>
              {d.publicContact && <div>{d.publicContact}</div>}
            </div>
          ))}
        </div>
        <h2 style={{ marginTop: 16 }}>{t('receptionDays')}</h2>
        {s.receptionRule && <p>{s.receptionRule}</p>}
        {s.nextReceptionDays.length > 0 && (
          <p>
            {t('nextReceptions')}
            {t('colon')}
            {s.nextReceptionDays.join(t('listSep'))}
          </p>
        )}
        {s.openingHours && (
          <p>
            {t('openingHours')}
            {t('colon')}
            {s.openingHours}
          </p>
        )}
        {s.publishedWorkflow && (
          <>
            <h2>{t('workflow')}</h2>
            <p className="pre">{s.publishedWorkflow}</p>
          </>
        )}
        {s.publishedRules && (
          <>
            <h2>{t('rules')}</h2>
            <p className="pre">{s.publishedRules}</p>
          </>
        )}
        <div className="sheet-qr">
          <QrCode text={url} label={t('qrOf', { name: s.name })} />
          <div>
            <strong>{t('scanToRaise')}</strong>
            <div>{url}</div>
          </div>
        </div>
      </article>
    </>
  );
}
