import './report-back.css';
import { ErrorBox } from '../../app/ErrorBox.js';
import { Loading } from '../../app/Loading.js';
import { follow } from '../../app/router.js';
import { useData } from '../../app/use-data.js';
import { useStrings, type PublicReport } from './strings.js';

/** /reports: the published report-backs (述职), newest first. */
export default function ReportBacksPage() {
  const s = useStrings();
  const { data, error, loading, reload } = useData<{ items: PublicReport[] }>('/api/public/duty/reports');
  return (
    <article className="card">
      <h1>{s('listTitle')}</h1>
      <p>{s('listIntro')}</p>
      {loading && <Loading />}
      {error && <ErrorBox error={error} retry={reload} />}
      {data && !data.items.length && <p className="muted">{s('none')}</p>}
      <ul className="plain-list">
        {data?.items.map((r) => (
          <li key={r.id}>
            <a href={`/reports/${r.id}`} onClick={follow} data-testid={`report-link-${r.id}`}>
              {r.title}
            </a>
            <div className="muted">
              {r.deputyName} · {s('year', { year: r.year })}
            </div>
          </li>
        ))}
      </ul>
    </article>
  );
}
