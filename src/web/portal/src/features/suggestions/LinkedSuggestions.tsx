import { Button } from 'antd-mobile';
import { useEffect, useState, type FormEvent } from 'react';
import { post } from '../../app/api.js';
import { useT, type MessageKey } from '../../app/i18n.js';
import { usePrefs } from '../../app/prefs.js';
import { classLabels } from './labels.js';

const LEVELS = ['satisfied', 'basicallySatisfied', 'dissatisfied'] as const;
type Level = (typeof LEVELS)[number];

interface ConstituentSuggestion {
  id: number;
  number: string | null;
  title: string;
  state: string;
  units: string[];
  answerClass: 'A' | 'B' | 'C' | 'D' | null;
  answer: string | null;
  answeredOn: string | null;
  commitmentDate: string | null;
  canRate: boolean;
  myRating: Level | null;
}

/**
 * Under a followed opinion: the deputies' suggestions it led to, with the unit's written answer, which
 * the constituent rates here once per answer (same proof as following: receipt code + phone digits).
 */
export function LinkedSuggestions({
  who,
}: {
  who: { receiptCode?: string; phoneLast4?: string; followToken?: string };
}) {
  const t = useT();
  const { lang } = usePrefs();
  const [items, setItems] = useState<ConstituentSuggestion[]>([]);
  const [levels, setLevels] = useState<Record<number, Level>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = JSON.stringify(who);

  useEffect(() => {
    let live = true;
    post<{ items: ConstituentSuggestion[] }>('/api/public/suggestions/for-opinion', who)
      .then((r) => live && setItems(r.items))
      // The opinion itself was found; a failure here only hides this part.
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const rate = async (e: FormEvent, id: number) => {
    e.preventDefault();
    const level = levels[id];
    if (!level) return;
    setBusy(true);
    setError(null);
    try {
      setItems(
        (
          await post<{ items: ConstituentSuggestion[] }>('/api/public/suggestions/rate', {
            ...who,
            suggestionId: id,
            level,
          })
        ).items,
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!items.length) return null;
  const level = (l: string) => t(`sugLevel_${l}` as MessageKey);
  return (
    <section className="card" data-testid="linked-suggestions">
      <h2>{t('linkedTitle')}</h2>
      {items.map((s) => (
        <div key={s.id} className="suggestion" data-testid={`linked-suggestion-${s.id}`}>
          <h3>
            {s.number ? `${s.number} ` : ''}
            {s.title}
          </h3>
          <p>{t('linkedState', { state: t(`sugState_${s.state}` as MessageKey) })}</p>
          {s.answer ? (
            <div className="answer">
              <h3>
                {t('suggestionsAnswer', { units: s.units.join(lang === 'en' ? ', ' : '、') })}
                {s.answerClass ? ` · ${classLabels[s.answerClass]![lang === 'en' ? 1 : 0]}` : ''}
              </h3>
              <p className="pre" data-testid="linked-answer">
                {s.answer}
              </p>
              {s.answeredOn && <p className="muted">{t('suggestionsAnsweredOn', { day: s.answeredOn })}</p>}
              {s.commitmentDate && <p className="muted">{t('linkedCommitment', { day: s.commitmentDate })}</p>}
            </div>
          ) : (
            <p className="muted">{t('linkedWaiting')}</p>
          )}
          {s.canRate && (
            <form onSubmit={(e) => void rate(e, s.id)} data-testid="linked-rate">
              <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                <legend>
                  <strong>{t('linkedRate')}</strong>
                </legend>
                <div className="levels">
                  {LEVELS.map((l) => (
                    <label key={l}>
                      <input
                        type="radio"
                        name={`suggestion-${s.id}-level`}
                        value={l}
                        checked={levels[s.id] === l}
                        onChange={() => setLevels({ ...levels, [s.id]: l })}
                      />
                      {level(l)}
                    </label>
                  ))}
                </div>
              </fieldset>
              {error && (
                <p className="error" role="alert">
                  {error}
                </p>
              )}
              <Button block color="primary" type="submit" disabled={busy || !levels[s.id]}>
                {t('rateSubmit')}
              </Button>
            </form>
          )}
          {s.myRating && (
            <p role="status" data-testid="linked-rated">
              {t('linkedRated', { level: level(s.myRating) })}
            </p>
          )}
        </div>
      ))}
    </section>
  );
}
