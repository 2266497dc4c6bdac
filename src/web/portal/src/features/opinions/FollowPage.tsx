import { Button } from 'antd-mobile';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, post } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { usePrefs } from '../../app/prefs.js';
import { useLocation } from '../../app/router.js';
import { actionLabel, RATING_LEVELS, ratingLabel, stateLabel } from '../../shared/labels.js';
import type { PublicOpinion, RatingLevel } from '../../shared/types.js';
import { LinkedProjects } from '../projects/LinkedProjects.js';
import { LinkedSuggestions } from '../suggestions/LinkedSuggestions.js';

/**
 * Follow an opinion by its receipt code (+ the phone's last four digits), or straight from the link
 * in the SMS (/f/<token>), and rate it when fed back.
 */
export default function FollowPage({ params = {} }: { params?: Record<string, string> }) {
  const linkToken = params.token;
  const t = useT();
  const { lang } = usePrefs();
  const { query } = useLocation();
  const [code, setCode] = useState(query.get('code') ?? '');
  const [last4, setLast4] = useState('');
  const [opinion, setOpinion] = useState<PublicOpinion | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [level, setLevel] = useState<RatingLevel | null>(null);
  const [comment, setComment] = useState('');
  const [rateError, setRateError] = useState<string | null>(null);
  const [justRated, setJustRated] = useState(false);
  // The proof the opinion was found with (the inputs may change after).
  const [proof, setProof] = useState<ReturnType<typeof who> | null>(null);

  const who = () =>
    linkToken && !code.trim()
      ? { followToken: linkToken }
      : { receiptCode: code.trim(), ...(last4 ? { phoneLast4: last4 } : {}) };

  // Opened from the SMS: the opinion at once, no code to type.
  useEffect(() => {
    if (!linkToken) return;
    let live = true;
    post<PublicOpinion>('/api/public/opinions/follow', { followToken: linkToken })
      .then((o) => {
        if (!live) return;
        setOpinion(o);
        setProof({ followToken: linkToken });
      })
      .catch((err: unknown) => live && setError(err instanceof ApiError ? err.message : (err as Error).message));
    return () => {
      live = false;
    };
  }, [linkToken]);

  const lookUp = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      setOpinion(await post<PublicOpinion>('/api/public/opinions/follow', who()));
      setProof(who());
    } catch (err) {
      setOpinion(null);
      // A wrong code and a wrong phone read the same: nothing to probe.
      setError(err instanceof ApiError && err.status === 404 ? t('notFoundFollow') : (err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const rate = async (e: FormEvent) => {
    e.preventDefault();
    if (!level) return;
    setRateError(null);
    setBusy(true);
    try {
      setOpinion(
        await post<PublicOpinion>('/api/public/opinions/rate', { ...who(), level, comment: comment.trim() || null }),
      );
      setJustRated(true);
    } catch (err) {
      setRateError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang, {
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    });
  const unhappy = opinion?.rating === 'dissatisfied' || opinion?.rating === 'veryDissatisfied';
  // Each text once: a feedback that repeats the unit's answer, a note that repeats the opinion, and
  // the rating (its own card below says it) are not shown again.
  const seen = new Set<string>(opinion ? [opinion.content.trim()] : []);
  const lastRate = (opinion?.timeline ?? []).map((e) => e.action).lastIndexOf('rate');
  const timeline = (opinion?.timeline ?? []).map((e, i) => {
    const text =
      e.action === 'rate'
        ? opinion?.rating && i === lastRate
          ? null
          : ratingLabel(e.text ?? '', lang)
        : e.text?.trim() || null;
    const fresh = text && !seen.has(text) ? text : null;
    if (text) seen.add(text);
    return { ...e, text: fresh };
  });

  return (
    <>
      {/* Opened from the SMS link: the opinion alone, no form to fill. */}
      {linkToken && opinion ? null : (
        <form className="card" onSubmit={lookUp}>
          <h1>{t('followTitle')}</h1>
          <p className="muted">{t('followIntro')}</p>
          <label className="field">
            <span className="label">{t('receiptCode')}</span>
            <input
              className="input"
              name="receiptCode"
              autoCapitalize="characters"
              autoComplete="off"
              maxLength={20}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </label>
          <label className="field">
            <span className="label">{t('phoneLast4')}</span>
            <input
              className="input"
              name="phoneLast4"
              inputMode="numeric"
              maxLength={4}
              value={last4}
              onChange={(e) => setLast4(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          {error && (
            <p className="error" role="alert" data-testid="follow-error">
              {error}
            </p>
          )}
          <Button block color="primary" size="large" type="submit" disabled={busy || code.trim().length < 4}>
            {t('query')}
          </Button>
        </form>
      )}
      {opinion && (
        <section className="card" aria-live="polite" data-testid="opinion">
          {linkToken && <h1>{t('followTitle')}</h1>}
          <p>
            {t('receiptCode')}
            {t('colon')}
            <strong>{opinion.receiptCode}</strong>
          </p>
          <p>
            {t('state')}
            {t('colon')}
            <strong data-testid="state">{stateLabel(opinion.state, lang)}</strong>
          </p>
          <p className="muted">{opinion.stationName}</p>
          <p className="pre" data-testid="content">
            {opinion.content}
          </p>
          <h2>{t('timeline')}</h2>
          <ol className="timeline">
            {timeline.map((e, i) => (
              <li key={i}>
                <strong>{actionLabel(e.action, lang)}</strong>
                {e.unitName && <> · {e.unitName}</>}
                <div className="muted">{when(e.at)}</div>
                {e.text && <div className="pre">{e.text}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}
      {opinion && proof && <LinkedSuggestions who={proof} />}
      {opinion && proof && <LinkedProjects who={proof} />}
      {opinion?.canRate && (
        <form className="card" onSubmit={rate}>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <legend>
              <h2>{t('rateTitle')}</h2>
            </legend>
            <div className="levels">
              {RATING_LEVELS.map((l) => (
                <label key={l}>
                  <input
                    type="radio"
                    name="level"
                    value={l}
                    checked={level === l}
                    onChange={() => setLevel(l as RatingLevel)}
                  />
                  {ratingLabel(l, lang)}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="field" style={{ marginTop: 12 }}>
            <span className="label">{t('rateComment')}</span>
            <textarea
              className="input"
              name="comment"
              maxLength={500}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
          {rateError && (
            <p className="error" role="alert">
              {rateError}
            </p>
          )}
          <Button block color="primary" size="large" type="submit" disabled={busy || !level}>
            {t('rateSubmit')}
          </Button>
        </form>
      )}
      {opinion?.rating && (
        <section className="card" role="status" data-testid="rated">
          <p>{t('rated', { level: ratingLabel(opinion.rating, lang) })}</p>
          {justRated && !unhappy && <p>{t('thanks')}</p>}
          {unhappy && <p>{t('dissatisfiedNext')}</p>}
        </section>
      )}
    </>
  );
}
