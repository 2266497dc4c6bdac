import { ErrorBox } from '../../app/ErrorBox.js';
import { useT } from '../../app/i18n.js';
import { Loading } from '../../app/Loading.js';
import { useData } from '../../app/use-data.js';
import { levelKey } from '../../shared/labels.js';
import { QrCode } from '../../shared/QrCode.js';
import type { PublicDeputy } from '../../shared/types.js';

/** A deputy's printable card (名片) with the QR code of their portal page. */
export default function DeputyCardPage({ params }: { params: Record<string, string> }) {
  const t = useT();
  const { data: d, error, reload } = useData<PublicDeputy>(`/api/public/deputies/${Number(params.id) || 0}`);
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!d) return <Loading />;
  return (
    <>
      <div className="no-print row" style={{ marginBottom: 12 }}>
        <button type="button" className="btn" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <article className="card-print">
        {d.photoUrl && <img className="avatar" src={d.photoUrl} alt={t('photoOf', { name: d.name })} />}
        <div style={{ flex: 1 }}>
          <h1 style={{ fontSize: '1.3em' }}>{d.name}</h1>
          <p style={{ margin: 0 }}>{d.levels.map((l) => t(levelKey(l))).join(t('listSep'))}</p>
          {d.stations?.map((s) => (
            <p key={s.id} style={{ margin: 0 }}>
              {s.name}
            </p>
          ))}
          {d.publicContact && (
            <p style={{ margin: 0 }}>
              {t('contact')}
              {t('colon')}
              {d.publicContact}
            </p>
          )}
        </div>
        <div style={{ textAlign: 'center' }}>
          <QrCode text={`${location.origin}/d/${d.id}`} label={t('qrOf', { name: d.name })} />
          <small>{t('scanToRaise')}</small>
        </div>
      </article>
    </>
  );
}
