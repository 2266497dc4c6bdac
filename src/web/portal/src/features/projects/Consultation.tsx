import { useState, type FormEvent } from 'react';
import type { Consultation } from '../../../../../contracts/projects.js';
import { ApiError, post } from '../../app/api.js';
import { ErrorBox } from '../../app/ErrorBox.js';
import { useT } from '../../app/i18n.js';
import { usePrefs } from '../../app/prefs.js';
import { useData } from '../../app/use-data.js';

const words = {
  title: ['候选项目公开征求意见', 'Candidate projects: public comment'],
  intro: [
    '以下候选项目将提交人大代表票决，欢迎表示支持或提出意见（截至 {until}）。意见经审核后公开，姓名仅显示姓氏。',
    'These candidates go to the deputies\u2019 vote. Support them or comment (until {until}). Comments appear once reviewed; only the surname is shown.',
  ],
  cost: ['投资 {n} 万元', 'Cost {n} × 10k yuan'],
  supports: ['{n} 人支持', '{n} in support'],
  support: ['支持这个项目', 'Support this project'],
  supported: ['已记下您的支持，谢谢！', 'Your support is counted, thank you.'],
  write: ['提意见', 'Comment'],
  comment: ['我的意见', 'My comment'],
  name: ['姓名（选填）', 'Name (optional)'],
  phone: ['手机号码（选填，不公开）', 'Mobile (optional, never shown)'],
  send: ['提交', 'Send'],
  thanks: ['已收到，谢谢！意见经审核后公开。', 'Received, thank you. Comments appear once reviewed.'],
} as const;

const wan = (yuan: number) => (yuan / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** The running comment periods: each candidate with its support count, published comments and a form. */
export function Consultations() {
  const t = useT();
  const { lang } = usePrefs();
  const i = lang === 'en' ? 1 : 0;
  const w = (key: keyof typeof words, vars: Record<string, string | number> = {}) =>
    words[key][i].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
  const { data, reload } = useData<{ items: Consultation[] }>('/api/public/projects/consultations');
  if (!data?.items.length) return null;
  return (
    <>
      {data.items.map((c) => (
        <section key={c.voteId} className="suggestion" data-testid="consultation" data-vote={c.voteId}>
          <h2>
            {w('title')} · {c.name}
          </h2>
          <p className="muted">{w('intro', { until: new Date(c.until).toLocaleDateString(lang) })}</p>
          {c.candidates.map((p) => (
            <div key={p.projectId} className="answer" data-testid="consultation-candidate">
              <h3>{p.title}</h3>
              <p className="muted">
                {w('cost', { n: wan(p.cost) })} · {p.location}
                {p.unitName ? ` · ${p.unitName}` : ''}
              </p>
              {p.description ? <p className="pre">{p.description}</p> : null}
              <p>
                <strong data-testid="consultation-supports">{w('supports', { n: p.supports })}</strong>
              </p>
              {p.comments.map((m, k) => (
                <p key={k} className="pre">
                  {m.name ?? '—'}
                  {t('colon')}
                  {m.body}
                </p>
              ))}
              <CommentForm voteId={c.voteId} projectId={p.projectId} w={w} onDone={reload} />
            </div>
          ))}
        </section>
      ))}
    </>
  );
}

function CommentForm({
  voteId,
  projectId,
  w,
  onDone,
}: {
  voteId: number;
  projectId: number;
  w: (key: keyof typeof words) => string;
  onDone: () => void;
}) {
  const [body, setBody] = useState('');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<'support' | 'comment' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const send = async (support: boolean) => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/public/projects/consultations/${voteId}/comments`, {
        projectId,
        support,
        ...(support ? {} : { body: body.trim(), name: name.trim() || undefined, phone: phone.trim() || undefined }),
      });
      setSent(support ? 'support' : 'comment');
      setBody('');
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'UNKNOWN', String(err)));
    } finally {
      setBusy(false);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send(false);
  };
  return (
    <>
      {sent ? (
        <p role="status" data-testid="consultation-thanks">
          {w(sent === 'support' ? 'supported' : 'thanks')}
        </p>
      ) : null}
      {sent !== 'support' ? (
        <button
          type="button"
          className="btn block"
          disabled={busy}
          onClick={() => void send(true)}
          data-testid="consultation-support"
        >
          {w('support')}
        </button>
      ) : null}
      {sent !== 'comment' ? (
        <details>
          <summary data-testid="consultation-open">{w('write')}</summary>
          <form onSubmit={submit} data-testid="consultation-form">
            <label className="field">
              <span className="label">{w('comment')}</span>
              <textarea
                className="input"
                rows={2}
                maxLength={500}
                value={body}
                onChange={(e) => setBody(e.target.value)}
              />
            </label>
            <label className="field">
              <span className="label">{w('name')}</span>
              <input className="input" maxLength={20} value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label className="field">
              <span className="label">{w('phone')}</span>
              <input
                className="input"
                inputMode="numeric"
                maxLength={11}
                value={phone}
                onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))}
              />
            </label>
            <button type="submit" className="btn block" disabled={busy || !body.trim()}>
              {w('send')}
            </button>
          </form>
        </details>
      ) : null}
      {error && <ErrorBox error={error} />}
    </>
  );
}
