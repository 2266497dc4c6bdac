import { ErrorBox } from '../../app/ErrorBox.js';
import { useT } from '../../app/i18n.js';
import { Loading } from '../../app/Loading.js';
import { follow } from '../../app/router.js';
import { useData } from '../../app/use-data.js';
import { DeputyCard } from '../../shared/DeputyCard.js';
import { QrCode } from '../../shared/QrCode.js';
import type { PublicDeputy } from '../../shared/types.js';
import { Receptions } from '../receptions/Receptions.js';

/** A deputy's page: photo, levels, stations, receptions there, "message this deputy", QR code. */
export default function DeputyPage({ params }: { params: Record<string, string> }) {
  const t = useT();
  const { data: d, error, reload } = useData<PublicDeputy>(`/api/public/deputies/${Number(params.id) || 0}`);
  if (error) return <ErrorBox error={error} retry={reload} />;
  if (!d) return <Loading />;
  const first = d.stations?.[0];
  return (
    <>
      <section className="card">
        <h1>{d.name}</h1>
        <DeputyCard deputy={d} link={false} />
        {d.occupation && <p className="muted">{d.occupation}</p>}
        {first && (
          <a
            className="btn block"
            style={{ marginTop: 12 }}
            href={`/new?station=${first.id}&deputy=${d.id}`}
            onClick={follow}
            data-testid="message-deputy"
          >
            {t('messageDeputy')}
          </a>
        )}
      </section>
      {d.stations && d.stations.length > 0 && (
        <section className="card">
          <h2>{t('deputyStations')}</h2>
          <ul className="list">
            {d.stations.map((s) => (
              <li key={s.id}>
                <a className="list-link" href={`/s/${s.id}`} onClick={follow}>
                  {s.name}
                </a>
              </li>
            ))}
          </ul>
          {d.stations.map((s) => (
            <Receptions key={s.id} stationId={s.id} />
          ))}
        </section>
      )}
      <section className="card center">
        <div style={{ maxWidth: 220, margin: '0 auto' }}>
          <QrCode text={`${location.origin}/d/${d.id}`} label={t('qrOf', { name: d.name })} />
        </div>
        <a className="btn ghost block" style={{ marginTop: 12 }} href={`/d/${d.id}/card`} onClick={follow}>
          {t('deputyCard')}
        </a>
      </section>
    </>
  );
}
