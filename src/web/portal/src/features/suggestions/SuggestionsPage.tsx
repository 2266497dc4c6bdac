import { useState } from 'react';
import { useT } from '../../app/i18n.js';
import { ErrorBox } from '../../app/ErrorBox.js';
import { Loading } from '../../app/Loading.js';
import { usePrefs } from '../../app/prefs.js';
import { useData } from '../../app/use-data.js';
import { classLabels } from './labels.js';

interface PublicSuggestion {
  id: number;
  number: string | null;
  sessionName: string;
  title: string;
  content: string;
  deputies: string[];
  category: string | null;
  units: string[];
  answerClass: 'A' | 'B' | 'C' | 'D' | null;
  answer: string | null;
  answeredOn: string | null;
}

/** Deputies' suggestions and the units' written answers, as published (contacts removed), searchable. */
export default function SuggestionsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const [words, setWords] = useState('');
  const [answerClass, setAnswerClass] = useState('');
  const [query, setQuery] = useState('');
  const path = `/api/public/suggestions?limit=20${query}`;
  const { data, error, loading, reload } = useData<{ items: PublicSuggestion[] }>(path);
  const search = () => {
    const q = new URLSearchParams();
    if (words.trim()) q.set('q', words.trim());
    if (answerClass) q.set('answerClass', answerClass);
    setQuery(q.size ? `&${q.toString()}` : '');
  };
  return (
    <article className="card">
      <h1>{t('suggestionsTitle')}</h1>
      <p>{t('suggestionsIntro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <label className="field">
          <span className="label">{t('suggestionsWords')}</span>
          <input
            className="input"
            value={words}
            onChange={(e) => setWords(e.target.value)}
            data-testid="suggestions-q"
          />
        </label>
        <label className="field">
          <span className="label">{t('suggestionsClass')}</span>
          <select className="input" value={answerClass} onChange={(e) => setAnswerClass(e.target.value)}>
            <option value="">{t('suggestionsAllClasses')}</option>
            {Object.entries(classLabels).map(([k, v]) => (
              <option key={k} value={k}>
                {lang === 'en' ? v[1] : v[0]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn block" data-testid="suggestions-search">
          {t('search')}
        </button>
      </form>
      {loading && <Loading />}
      {error && <ErrorBox error={error} retry={reload} />}
      {data && !data.items.length && <p className="muted">{t('suggestionsNone')}</p>}
      {data?.items.map((s) => (
        <section key={s.id} className="suggestion" data-testid="public-suggestion">
          <h2>
            {s.number ? `${s.number} ` : ''}
            {s.title}
          </h2>
          <p className="muted">
            {s.sessionName} · {t('suggestionsBy', { names: s.deputies.join(lang === 'en' ? ', ' : '、') })}
          </p>
          <p className="pre">{s.content}</p>
          {s.answer && (
            <div className="answer">
              <h3>
                {t('suggestionsAnswer', { units: s.units.join(lang === 'en' ? ', ' : '、') })}
                {s.answerClass
                  ? ` · ${lang === 'en' ? classLabels[s.answerClass]![1] : classLabels[s.answerClass]![0]}`
                  : ''}
              </h3>
              <p className="pre">{s.answer}</p>
              {s.answeredOn && <p className="muted">{t('suggestionsAnsweredOn', { day: s.answeredOn })}</p>}
            </div>
          )}
        </section>
      ))}
    </article>
  );
}
