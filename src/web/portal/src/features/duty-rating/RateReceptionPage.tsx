import { useState, type FormEvent } from 'react';
import { ApiError, post } from '../../app/api.js';
import { ErrorBox } from '../../app/ErrorBox.js';
import { Loading } from '../../app/Loading.js';
import { useData } from '../../app/use-data.js';
import { useStrings } from './strings.js';

const overalls = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
type Overall = (typeof overalls)[number];
interface ReceptionForRating {
  stationName: string;
  day: string;
  start: string;
  end: string;
  theme: string | null;
  open: boolean;
}

/** A random value this browser keeps, so that a visitor's second rating on the spot replaces the first. */
function deviceNonce() {
  const key = 'liaison-rate-nonce';
  let v = localStorage.getItem(key);
  if (!v || !/^[A-Za-z0-9_-]{16,64}$/.test(v)) {
    const bytes = crypto.getRandomValues(new Uint8Array(18));
    v = btoa(String.fromCharCode(...bytes))
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
    localStorage.setItem(key, v);
  }
  return v;
}

/**
 * /rate?t=…: a visitor rates the reception itself — from the QR code at the station (on the spot)
 * or from the SMS link after a booked reception. Three large choices and an optional comment.
 */
export default function RateReceptionPage() {
  const s = useStrings();
  const token = new URLSearchParams(window.location.search).get('t') ?? '';
  const info = useData<ReceptionForRating>(
    token ? `/api/public/duty/reception-rating?t=${encodeURIComponent(token)}` : null,
  );
  const [overall, setOverall] = useState<Overall | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [missing, setMissing] = useState(false);
  const [done, setDone] = useState<{ replaced: boolean } | null>(null);
  if (!token) return <ErrorBox error={new ApiError(404, 'NOT_FOUND', '')} />;
  if (info.loading) return <Loading />;
  if (info.error) return <ErrorBox error={info.error} retry={info.reload} />;
  const r = info.data!;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!overall) {
      setMissing(true);
      return;
    }
    setBusy(true);
    setError(null);
    post<{ replaced: boolean }>('/api/public/duty/reception-rating', {
      token,
      overall,
      comment: comment.trim() || undefined,
      nonce: token.startsWith('r') ? deviceNonce() : undefined,
    })
      .then(setDone, (err: unknown) =>
        setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', String(err))),
      )
      .finally(() => setBusy(false));
  };
  return (
    <article className="card">
      <h1>{s('title')}</h1>
      <p className="muted" data-testid="rate-reception">
        {s('when', { station: r.stationName, day: r.day, start: r.start, end: r.end })}
        {r.theme ? ` · ${r.theme}` : ''}
      </p>
      {!r.open ? (
        <p role="status">{s('closed')}</p>
      ) : done ? (
        <>
          <p role="status" data-testid="rate-done">
            {done.replaced ? s('replaced') : s('thanks')}
          </p>
          <button type="button" className="btn ghost" onClick={() => setDone(null)}>
            {s('again')}
          </button>
        </>
      ) : (
        <form onSubmit={submit} data-testid="rate-form">
          <p>{s('intro')}</p>
          <fieldset className="field">
            <legend className="visually-hidden">{s('intro')}</legend>
            {overalls.map((o) => (
              <label key={o} className="check">
                <input
                  type="radio"
                  name="overall"
                  checked={overall === o}
                  onChange={() => {
                    setOverall(o);
                    setMissing(false);
                  }}
                  data-testid={`rate-${o}`}
                />
                {s(o)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="label">{s('comment')}</span>
            <textarea
              className="input"
              maxLength={500}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              data-testid="rate-comment"
            />
          </label>
          {missing && (
            <p className="error" role="alert">
              {s('pick')}
            </p>
          )}
          {error && (
            <p className="error" role="alert">
              {error.message}
            </p>
          )}
          <button type="submit" className="btn block" disabled={busy} data-testid="rate-submit">
            {s('submit')}
          </button>
        </form>
      )}
    </article>
  );
}
