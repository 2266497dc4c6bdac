// Hot topics (热点问题) and common problems (共性问题): keywords weighted by TF-IDF over the period's
// opinions (jieba's segmentation and its global IDF dictionary), and clusters of similar opinions
// across stations. The clusters weigh words by the period's own IDF (a word everyone uses this month
// links nothing, a word a few dozen use does).
import type { Topics, DashboardQuery } from '../../../contracts/statistics.js';
import type { Actor } from '../../platform/access/policy.js';
import { readDb, type Platform } from '../../platform/context.js';
import { maskPersonNames } from '../../platform/text/names.js';
import { searchTerms } from '../../platform/text/segment.js';
import { opinionTexts } from '../opinions/rollup-source.js';
import { globalIdf } from './idf.js';
import { periodsOf, topicScope } from './scope.js';
import { topicLinks } from './topic-actions.js';

/** Words every complaint uses: they say nothing about what it is about. */
const COMMON = new Set(
  '希望 问题 反映 影响 解决 处理 居民 群众 相关 部门 已经 现在 目前 一直 经常 非常 比较 情况 建议 要求 能够 可以 进行 尽快 帮忙 协调 附近 很多 很大 严重 不是 什么 怎么 多次 还是 出现 存在 造成'.split(
    ' ',
  ),
);

export interface TopicDoc {
  id: number;
  text: string;
  orgId: number;
  day: string;
}

type Vector = Map<string, number>;

/**
 * What looks like personal data, never a keyword: anything with a digit (phone, ID, house number),
 * an e-mail, a person addressed by a title (王先生, 李阿姨) or a name masked (张某某).
 */
const PERSONAL = /\d|@|某|(先生|女士|小姐|阿姨|大爷|大妈|师傅|老师)$/;

/** The words of a text that can carry a topic: two characters or more, not personal data, not common. */
export function topicTerms(text: string): string[] {
  return searchTerms(text).filter((w) => w.length >= 2 && !PERSONAL.test(w) && !COMMON.has(w));
}

/**
 * Pairs of adjacent Chinese characters: short opinions share few whole words ("路灯坏了" and
 * "路灯不亮" share one), their pairs catch what segmentation cuts apart ("灯坏", "坏了").
 */
function bigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/\p{Script=Han}+/gu) ?? [])
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = run.slice(i, i + 2);
      if (!COMMON.has(pair)) out.push(`~${pair}`);
    }
  return out;
}

/** Pairs weigh half a word. */
const PAIR_WEIGHT = 0.5;

function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [, v] of a) na += v * v;
  for (const [, v] of b) nb += v * v;
  for (const [k, v] of a) dot += v * (b.get(k) ?? 0);
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

export interface FoundTopics {
  keywords: { word: string; weight: number; count: number }[];
  clusters: { keywords: string[]; members: TopicDoc[] }[];
}

/**
 * Keywords and clusters of `docs`: each text a TF-IDF vector; a text joins the cluster whose
 * centroid it is most similar to (cosine ≥ `threshold`) or starts its own; clusters smaller than
 * `minSize` are left out, largest first.
 */
export function findTopics(
  docs: readonly TopicDoc[],
  opts: { threshold?: number; minSize?: number; keywords?: number; idf?: (word: string) => number } = {},
): FoundTopics {
  const threshold = opts.threshold ?? 0.3;
  const minSize = opts.minSize ?? 3;
  // Names masked first (张建国 → 张某某): a name several constituents wrote is never a keyword.
  const texts = docs.map((d) => maskPersonNames(d.text));
  const terms = texts.map((text) => new Set([...topicTerms(text), ...bigrams(text)]));
  const df = new Map<string, number>();
  for (const set of terms) for (const w of set) df.set(w, (df.get(w) ?? 0) + 1);
  const n = docs.length;
  const idf = (w: string) => Math.log((n + 1) / ((df.get(w) ?? 0) + 1)) + 1;
  const vectors: Vector[] = terms.map((set) => {
    // A term no other text has links nothing: left out, it would only dilute the similarity.
    const v: Vector = new Map(
      [...set].filter((w) => (df.get(w) ?? 0) >= 2).map((w) => [w, idf(w) * (w.startsWith('~') ? PAIR_WEIGHT : 1)]),
    );
    const norm = Math.sqrt([...v.values()].reduce((a, x) => a + x * x, 0)) || 1;
    for (const [k, x] of v) v.set(k, x / norm);
    return v;
  });
  const weight = new Map<string, number>();
  if (opts.idf) {
    // Keywords by jieba's TF-IDF: each text's term frequency times the global IDF, summed over the texts.
    for (const text of texts) {
      const words = topicTerms(text);
      for (const w of words) weight.set(w, (weight.get(w) ?? 0) + opts.idf(w) / words.length);
    }
  } else for (const v of vectors) for (const [k, x] of v) weight.set(k, (weight.get(k) ?? 0) + x);
  const keywords = [...weight]
    .filter(([w]) => !w.startsWith('~') && (df.get(w) ?? 0) >= 2)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, opts.keywords ?? 30)
    .map(([word, w]) => ({ word, weight: Math.round(w * 100) / 100, count: df.get(word) ?? 0 }));

  const clusters: { centroid: Vector; members: number[] }[] = [];
  for (const [i, v] of vectors.entries()) {
    if (!v.size) continue;
    let best = -1;
    let bestSim = threshold;
    for (const [c, cl] of clusters.entries()) {
      const sim = cosine(v, cl.centroid);
      if (sim >= bestSim) [best, bestSim] = [c, sim];
    }
    if (best < 0) clusters.push({ centroid: new Map(v), members: [i] });
    else {
      const cl = clusters[best]!;
      cl.members.push(i);
      for (const [k, x] of v) cl.centroid.set(k, (cl.centroid.get(k) ?? 0) + x);
    }
  }
  return {
    keywords,
    clusters: clusters
      .filter((c) => c.members.length >= minSize)
      .sort((a, b) => b.members.length - a.members.length)
      .map((c) => ({
        keywords: [...c.centroid]
          .filter(([w]) => !w.startsWith('~'))
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, 5)
          .map(([w]) => w),
        members: c.members.map((i) => docs[i]!),
      })),
  };
}

/** Hot topics of the area in the period (the newest 3,000 opinions at most). A unit has none. */
export async function hotTopics(p: Platform, actor: Actor, q: DashboardQuery): Promise<Topics> {
  const s = await topicScope(readDb(p), actor, q.orgId);
  if (s.kind !== 'area') return { keywords: [], clusters: [] };
  const { period } = periodsOf(q);
  const texts = await opinionTexts(readDb(p), s.path, period.from, period.to, 3000);
  const found = findTopics(
    texts.map((t) => ({ id: t.id, text: t.content, orgId: t.orgId, day: t.day })),
    { idf: globalIdf },
  );
  const orgIds = [...new Set(found.clusters.flatMap((c) => c.members.map((m) => m.orgId)))];
  const names = new Map(
    orgIds.length
      ? (await readDb(p).selectFrom('organization').select(['id', 'name']).where('id', 'in', orgIds).execute()).map(
          (o) => [o.id, o.name],
        )
      : [],
  );
  const byMonth = period.to.slice(0, 7) !== period.from.slice(0, 7);
  const links = await topicLinks(
    p,
    found.clusters.flatMap((c) => c.members.map((m) => m.id)),
  );
  return {
    keywords: found.keywords,
    clusters: found.clusters.map((c) => {
      const stations = new Map<number, number>();
      const trend = new Map<string, number>();
      for (const m of c.members) {
        stations.set(m.orgId, (stations.get(m.orgId) ?? 0) + 1);
        const b = byMonth ? m.day.slice(0, 7) : m.day;
        trend.set(b, (trend.get(b) ?? 0) + 1);
      }
      return {
        label: c.keywords.slice(0, 3).join(' · '),
        keywords: c.keywords,
        count: c.members.length,
        stations: [...stations]
          .map(([id, count]) => ({ id, name: names.get(id) ?? `#${id}`, count }))
          .sort((a, b) => b.count - a.count),
        trend: [...trend].sort((a, b) => a[0].localeCompare(b[0])).map(([bucket, count]) => ({ bucket, count })),
        opinionIds: c.members.map((m) => m.id),
        links: links
          .filter((l) => c.members.some((m) => l.opinionIds.includes(m.id)))
          .map((l) => ({ kind: l.kind as 'project' | 'suggestion', targetId: l.targetId })),
      };
    }),
  };
}
