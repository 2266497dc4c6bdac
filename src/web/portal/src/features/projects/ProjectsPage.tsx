import { useEffect, useState } from 'react';
import type { PublicProjects, VoteResult } from '../../../../../contracts/projects.js';
import { ApiError, post } from '../../app/api.js';
import { ErrorBox } from '../../app/ErrorBox.js';
import { useT } from '../../app/i18n.js';
import { Loading } from '../../app/Loading.js';
import { usePrefs } from '../../app/prefs.js';
import { useData } from '../../app/use-data.js';
import { Consultations } from './Consultation.js';
import { projectStates } from './LinkedProjects.js';

// The page's own words (zh-CN, en): it is the only portal page about livelihood projects.
const words = {
  title: ['民生实事项目', 'Livelihood projects'],
  intro: [
    '由人大代表票决产生的年度民生实事项目，实施进展、变更公告和代表满意度测评结果在此公开。',
    "The year's livelihood projects chosen by the deputies' vote: progress, notices of change and the deputies' ratings.",
  ],
  year: ['{year} 年项目', 'Projects of {year}'],
  none: ['暂无公开的项目', 'No published projects'],
  cost: ['投资 {n} 万元', 'Cost {n} × 10k yuan'],
  unit: ['责任单位：{unit}', 'Responsible: {unit}'],
  completion: ['计划完成：{day}', 'Due: {day}'],
  progress: ['进度', 'Progress'],
  milestones: ['节点', 'Milestones'],
  notices: ['公告', 'Notices'],
  votes: ['票决与测评结果', 'Vote and rating results'],
  summary: [
    '代表 {members} 名，出席 {present} 名，有效票 {ballots} 张，通过须 ≥ {needed} 票',
    '{members} deputies, {present} present, {ballots} valid ballots; {needed} votes needed',
  ],
  ballots: ['查看全部匿名选票（可自行复核计票）', 'All anonymous ballots (recount them yourself)'],
  chosen: ['入选', 'chosen'],
  score: ['得分 {n}', 'Score {n}'],
  rankMethod: [
    '排序选票，按波达计数（Borda）计票：n 个项目中排第 r 位得 n − r + 1 分，按总得分排序；通过票数指把该项目排在名额内的选票。',
    'Rank ballots, Borda count: of n projects place r earns n − r + 1 points, ranked by total score; the votes needed count ballots placing the project within the places.',
  ],
  place: ['第 {n} 位', 'No. {n}'],
  past: ['往年项目及测评', 'Past years and their ratings'],
  receipt: ['核对我的选票（代表）', 'Check my ballot (deputies)'],
  receiptCode: ['回执码', 'Receipt code'],
  check: ['核对', 'Check'],
  found: ['您的选票已计入：', 'Your ballot is counted:'],
  notFound: ['未找到该回执码对应的选票', 'No ballot has this receipt code'],
  group: ['代表督查组：{names}（牵头：{leader}）', 'Supervision group: {names} (led by {leader})'],
  inspection: ['视察', 'Inspection'],
  supervision: ['督查', 'Supervision visit'],
  requests: ['整改意见：{text}', 'Requests: {text}'],
} as const;
const states = projectStates;
const ratings: Record<string, [string, string]> = {
  satisfied: ['满意', 'satisfied'],
  basicallySatisfied: ['基本满意', 'basically satisfied'],
  dissatisfied: ['不满意', 'dissatisfied'],
};
const marks: Record<string, [string, string]> = {
  for: ['赞成', 'for'],
  against: ['不赞成', 'against'],
  abstain: ['弃权', 'abstain'],
  chosen: ['选择', 'chosen'],
  ...ratings,
};

/** Names in a results table may wrap on a phone (the table's numbers do not). */
const wrap = { whiteSpace: 'normal', textAlign: 'left' } as const;

const wan = (yuan: number) => (yuan / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** This year's projects with progress and photos, published results, past years' ratings, and a ballot check. */
export default function ProjectsPage() {
  const t = useT();
  const { lang } = usePrefs();
  const i = lang === 'en' ? 1 : 0;
  const w = (key: keyof typeof words, vars: Record<string, string | number> = {}) =>
    words[key][i].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  const { data, error, loading, reload } = useData<PublicProjects>('/api/public/projects');
  const focus = new URLSearchParams(window.location.search).get('id');
  useEffect(() => {
    if (data && focus) document.getElementById(`project-${focus}`)?.scrollIntoView();
  }, [data, focus]);
  return (
    <article className="card">
      <h1>{w('title')}</h1>
      <p>{w('intro')}</p>
      {loading && <Loading />}
      {error && <ErrorBox error={error} retry={reload} />}
      <Consultations />
      {data && (
        <>
          <h2>{w('year', { year: data.year })}</h2>
          {!data.projects.length && <p className="muted">{w('none')}</p>}
          {data.projects.map((p) => (
            <section key={p.id} id={`project-${p.id}`} className="suggestion" data-testid="public-project">
              <h3>
                {p.title} <span className="tag">{states[p.state]?.[i] ?? p.state}</span>
                {p.rating ? <span className="tag">{ratings[p.rating]?.[i]}</span> : null}
              </h3>
              <p className="muted">
                {w('cost', { n: wan(p.cost) })} · {p.location}
                {p.unitName ? ` · ${w('unit', { unit: p.unitName })}` : ''} ·{' '}
                {w('completion', { day: p.expectedCompletion })}
              </p>
              {p.description ? <p className="pre">{p.description}</p> : null}
              <label className="field">
                <span className="label">
                  {w('progress')} {p.progress}%
                </span>
                <progress max={100} value={p.progress} style={{ width: '100%' }} data-testid="public-progress" />
              </label>
              {p.milestones.length ? (
                <p className="muted">
                  {w('milestones')}
                  {t('colon')}
                  {p.milestones.map((m) => `${m.title} ${m.dueOn}${m.doneOn ? ' ✓' : ''}`).join(t('listSep'))}
                </p>
              ) : null}
              {p.photos.length ? (
                <div className="photos">
                  {p.photos.map((ph) => (
                    <img
                      key={ph.reportId}
                      className="photo"
                      src={`/api/public/projects/${p.id}/progress/${ph.reportId}/photo`}
                      alt={ph.note}
                      loading="lazy"
                      data-testid="public-project-photo"
                    />
                  ))}
                </div>
              ) : null}
              {p.supervisors.length ? (
                <p className="muted" data-testid="public-group">
                  {w('group', { names: p.supervisors.join(t('listSep')), leader: p.supervisionLeader ?? '—' })}
                </p>
              ) : null}
              {p.inspections.map((n) => (
                <div key={n.id} className="answer" data-testid="public-inspection">
                  <h4>
                    {w(n.kind)} · {n.day} · {n.deputies.join(t('listSep'))}
                  </h4>
                  <p className="pre">{n.findings}</p>
                  {n.requests ? <p className="pre">{w('requests', { text: n.requests })}</p> : null}
                  {n.hasPhoto ? (
                    <img
                      className="photo"
                      src={`/api/public/projects/${p.id}/inspections/${n.id}/photo`}
                      alt={n.findings}
                      loading="lazy"
                    />
                  ) : null}
                </div>
              ))}
              {p.notices.map((n) => (
                <div key={n.reference} className="answer">
                  <h4>
                    {w('notices')} · {n.reference} · {n.decidedOn}
                  </h4>
                  <p className="pre">{n.notice}</p>
                </div>
              ))}
            </section>
          ))}
          {data.votes.length ? <h2>{w('votes')}</h2> : null}
          {data.votes.map((v) => (
            <section key={v.id} className="suggestion" data-testid="public-vote">
              <h3>{v.name}</h3>
              <Result result={v.result} rating={v.kind === 'rating'} w={w} i={i} />
              <p>
                <a href={`/api/public/projects/votes/${v.id}/ballots`}>{w('ballots')}</a>
              </p>
            </section>
          ))}
          {data.pastYears.length ? <h2>{w('past')}</h2> : null}
          {data.pastYears.map((y) => (
            <section key={y.year} className="suggestion">
              <h3>{y.year}</h3>
              <ul className="list">
                {y.projects.map((p) => (
                  <li key={p.id}>
                    {p.title} · {states[p.state]?.[i] ?? p.state}
                    {p.rating ? ` · ${ratings[p.rating]?.[i]}` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ))}
          <ReceiptCheck w={w} i={i} />
        </>
      )}
    </article>
  );
}

type W = (key: keyof typeof words, vars?: Record<string, string | number>) => string;

function Result({ result, rating, w, i }: { result: VoteResult; rating: boolean; w: W; i: number }) {
  return (
    <>
      <p className="muted">
        {w('summary', {
          members: result.members,
          present: result.present,
          ballots: result.ballots,
          needed: result.needed,
        })}
      </p>
      {result.rows.some((r) => r.score !== undefined) ? <p className="muted">{w('rankMethod')}</p> : null}
      <table className="stats-table">
        <tbody>
          {result.rows.map((r) => (
            <tr key={r.projectId}>
              {rating ? null : <td>{r.rank ?? '—'}</td>}
              <td style={wrap}>
                {r.title}
                {rating ? (
                  <span className="muted" style={{ display: 'block' }}>
                    {(['satisfied', 'basicallySatisfied', 'dissatisfied'] as const)
                      .map((k) => `${ratings[k]![i]} ${r[k]}`)
                      .join(' · ')}
                  </span>
                ) : null}
              </td>
              {rating ? (
                <td>{r.rating ? ratings[r.rating]?.[i] : ''}</td>
              ) : (
                <>
                  <td>
                    {r.score !== undefined ? (
                      <span data-testid="rank-score">{w('score', { n: r.score })}</span>
                    ) : (
                      `${marks.for![i]} ${r.for}`
                    )}
                  </td>
                  <td>{r.chosen ? <span className="tag">{w('chosen')}</span> : ''}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function ReceiptCheck({ w, i }: { w: W; i: number }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [answer, setAnswer] = useState<{
    found: boolean;
    choices: { projectId: number; mark: string; rank?: number }[] | null;
  } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  return (
    <section className="suggestion">
      <h2>{w('receipt')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          post<typeof answer>('/api/public/projects/receipts', { code }).then(setAnswer, (err: unknown) =>
            setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', String(err))),
          );
        }}
      >
        <label className="field">
          <span className="label">{w('receiptCode')}</span>
          <input className="input" value={code} onChange={(e) => setCode(e.target.value)} data-testid="receipt-input" />
        </label>
        <button type="submit" className="btn block">
          {w('check')}
        </button>
      </form>
      {error && <ErrorBox error={error} />}
      {answer && (
        <p data-testid="receipt-answer">
          {answer.found
            ? `${w('found')}${(answer.choices ?? []).map((c) => `#${c.projectId} ${c.rank ? w('place', { n: c.rank }) : (marks[c.mark]?.[i] ?? c.mark)}`).join(t('listSep'))}`
            : w('notFound')}
        </p>
      )}
    </section>
  );
}
