import { useEffect, useState } from 'react';
import { post } from '../../app/api.js';
import { usePrefs } from '../../app/prefs.js';

const words = {
  title: ['由此形成的民生实事项目', 'Livelihood projects it led to'],
  more: ['查看进展', 'See progress'],
} as const;
/** Project states as the portal names them (zh-CN, en). */
export const projectStates: Record<string, [string, string]> = {
  reserve: ['储备', 'in the reserve'],
  shortlisted: ['初选入围', 'shortlisted'],
  excluded: ['未入选', 'not shortlisted'],
  chosen: ['票决入选', 'chosen'],
  notChosen: ['票决未入选', 'not chosen'],
  inProgress: ['实施中', 'in progress'],
  paused: ['暂停', 'paused'],
  done: ['已完成', 'done'],
  terminated: ['已终止', 'terminated'],
};
const PUBLIC = ['chosen', 'inProgress', 'paused', 'done', 'terminated'];

/** Under a followed opinion: the livelihood projects it led to (same proof as following: receipt code + phone digits). */
export function LinkedProjects({ who }: { who: { receiptCode?: string; phoneLast4?: string; followToken?: string } }) {
  const { lang } = usePrefs();
  const i = lang === 'en' ? 1 : 0;
  const [items, setItems] = useState<{ id: number; title: string; year: number; state: string }[]>([]);
  const key = JSON.stringify(who);
  useEffect(() => {
    let live = true;
    post<{ items: typeof items }>('/api/public/projects/for-opinion', who)
      .then((r) => live && setItems(r.items))
      // The opinion itself was found; a failure here only hides this part.
      .catch(() => live && setItems([]));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!items.length) return null;
  return (
    <section className="card" data-testid="linked-projects">
      <h2>{words.title[i]}</h2>
      <ul className="list">
        {items.map((p) => (
          <li key={p.id}>
            {p.year} · {p.title} · <span className="tag">{projectStates[p.state]?.[i] ?? p.state}</span>
            {PUBLIC.includes(p.state) ? (
              <>
                {' '}
                <a href={`/projects?id=${p.id}`}>{words.more[i]}</a>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
