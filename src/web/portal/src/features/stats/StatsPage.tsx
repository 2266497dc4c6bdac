import { useState } from 'react';
import type { z } from 'zod';
import type { OpenDataMonth } from '../../../../../contracts/portal.js';
import { useT } from '../../app/i18n.js';
import { ErrorBox } from '../../app/ErrorBox.js';
import { Loading } from '../../app/Loading.js';
import { usePrefs } from '../../app/prefs.js';
import { useData } from '../../app/use-data.js';
import { chinaDay } from '../../../../../contracts/calendar.js';

type Figures = z.infer<typeof OpenDataMonth>;
type Cell = Figures['cells'][number];

/** The last twelve months, newest first, in China time. */
function recentMonths(): string[] {
  const today = chinaDay();
  let y = Number(today.slice(0, 4));
  let m = Number(today.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < 12; i++) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}

const dimensions: Cell['dimension'][] = ['category', 'street', 'state', 'satisfaction'];

/**
 * Open data: a month's opinions counted four ways — by category, by street (its own name), by
 * state in the order of the workflow, and the satisfaction section (all five levels and the share
 * satisfied) even in a month without ratings — small counts hidden, with the CSV to download.
 */
export default function StatsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const months = recentMonths();
  const [month, setMonth] = useState(months[0]!);
  const { data, error, loading, reload } = useData<Figures>(`/api/public/open-data/${month}.json`);
  const shown = (n: number | null) => (n === null ? t('statsSuppressed') : String(n));
  return (
    <article className="card">
      <h1>{t('statsTitle')}</h1>
      <p>{t('statsIntro')}</p>
      <label className="field">
        <span className="label">{t('statsMonth')}</span>
        <select className="input" value={month} onChange={(e) => setMonth(e.target.value)} data-testid="stats-month">
          {months.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      {loading && <Loading />}
      {error && <ErrorBox error={error} retry={reload} />}
      {data && (
        <>
          <p className="stat-total" data-testid="stats-total">
            {t('statsTotal', { n: shown(data.total) })}
          </p>
          {dimensions.map((dim) => {
            const cells = data.cells.filter((c) => c.dimension === dim);
            if (!cells.length) return null;
            return (
              <section key={dim} data-testid={`stats-${dim}`}>
                <h2>{t(`stats_${dim}`)}</h2>
                {dim === 'satisfaction' && (
                  <p data-testid="stats-satisfied">
                    {t('statsRated', { n: shown(data.satisfaction.rated) })}
                    {data.satisfaction.satisfiedPercent !== null &&
                      ` · ${t('statsSatisfied', { n: data.satisfaction.satisfiedPercent })}`}
                  </p>
                )}
                <table className="stats-table">
                  <tbody>
                    {cells.map((c) => (
                      <tr key={c.key}>
                        <th scope="row">{lang === 'en' ? c.keyEn : c.key}</th>
                        <td>{shown(c.count)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}
          <p>
            <a className="btn ghost block" href={`/api/public/open-data/${month}.csv`} download data-testid="stats-csv">
              {t('statsCsv')}
            </a>
          </p>
          <p className="muted">{t('statsNote')}</p>
          <p className="muted">{t('statsSatisfiedNote')}</p>
        </>
      )}
    </article>
  );
}
