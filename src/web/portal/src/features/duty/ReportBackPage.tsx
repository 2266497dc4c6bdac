import './report-back.css';
import { useState, type FormEvent } from 'react';
import { ApiError, post } from '../../app/api.js';
import { ErrorBox } from '../../app/ErrorBox.js';
import { useT } from '../../app/i18n.js';
import { Loading } from '../../app/Loading.js';
import { usePrefs } from '../../app/prefs.js';
import { follow } from '../../app/router.js';
import { useData } from '../../app/use-data.js';
import { kindNames, useStrings, type PublicReport } from './strings.js';

const overalls = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;

/** The voters' form: each local aspect 1–5 and an overall rating. */
function RatingForm({ report, onDone }: { report: PublicReport; onDone: () => void }) {
  const s = useStrings();
  const [scores, setScores] = useState<Record<string, number>>({});
  const [overall, setOverall] = useState<(typeof overalls)[number]>('satisfied');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (report.aspects.some((a) => !scores[a])) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    post(`/api/public/duty/reports/${report.id}/ratings`, {
      aspects: scores,
      overall,
      comment: comment.trim() || undefined,
    })
      .then(onDone, (err: unknown) => setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', String(err))))
      .finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} className="no-print" data-testid="report-rating-form">
      <h2>{s('rateTitle')}</h2>
      <p className="muted">{s('rateHelp')}</p>
      {report.aspects.map((a, i) => (
        <fieldset key={a} className="field rate-aspect">
          <legend className="label">{a}</legend>
          <div className="rate-row">
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} className="check">
                <input
                  type="radio"
                  name={`aspect-${i}`}
                  checked={scores[a] === n}
                  onChange={() => setScores({ ...scores, [a]: n })}
                  data-testid={`aspect-${i}-${n}`}
                />
                {n}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <label className="field">
        <span className="label">{s('overall')}</span>
        <select
          className="input"
          value={overall}
          onChange={(e) => setOverall(e.target.value as typeof overall)}
          data-testid="overall"
        >
          {overalls.map((o) => (
            <option key={o} value={o}>
              {s(o)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="label">{s('comment')}</span>
        <textarea className="input" maxLength={500} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      {missing && <p className="error">{s('pick')}</p>}
      {error && <ErrorBox error={error} />}
      <button type="submit" className="btn block" disabled={busy} data-testid="rating-submit">
        {s('submit')}
      </button>
    </form>
  );
}

/** /reports/:id: a deputy's report-back as published (prints on A4), and the voters' rating. */
export default function ReportBackPage({ params }: { params: Record<string, string> }) {
  const s = useStrings();
  const t = useT();
  const { lang } = usePrefs();
  const { data: r, error, loading, reload } = useData<PublicReport>(`/api/public/duty/reports/${params.id}`);
  const [rated, setRated] = useState(false);
  if (loading) return <Loading />;
  if (error || !r) return error ? <ErrorBox error={error} retry={reload} /> : null;
  return (
    <article className="card sheet" data-testid="report-back">
      <p className="no-print">
        <a href="/reports" onClick={follow}>
          {s('back')}
        </a>
      </p>
      <h1>{r.title}</h1>
      <p className="muted">
        {r.deputyName} · {s('year', { year: r.year })}
        {r.meetingAt || r.place ? ` · ${s('meeting', { when: r.meetingAt ?? '', place: r.place ?? '' })}` : ''}
      </p>
      <h2>{s('figures')}</h2>
      <ul data-testid="report-figures">
        {r.figures.map((f) => (
          <li key={f.kind}>
            {(kindNames[f.kind] ?? [f.kind, f.kind])[lang === 'en' ? 1 : 0]}
            {t('colon')}
            <strong>{f.count}</strong>
          </li>
        ))}
      </ul>
      <p className="pre">{r.body}</p>
      {r.result && (
        <p data-testid="report-result">
          {s('result', { n: r.result.ratings, share: Math.round(r.result.satisfiedShare * 1000) / 10 })}
        </p>
      )}
      <button type="button" className="btn ghost no-print" onClick={() => window.print()}>
        {s('print')}
      </button>
      {r.state === 'closed' ? (
        <p className="muted">{s('closed')}</p>
      ) : rated ? (
        <p className="ok" role="status" data-testid="rating-thanks">
          {s('thanks')}
        </p>
      ) : (
        <RatingForm report={r} onDone={() => setRated(true)} />
      )}
    </article>
  );
}
