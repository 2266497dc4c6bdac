// A deputy's digest (知情知政 × 代表建议): the documents pushed to them lately that concern one of their
// open suggestions, each with the suggestion it matches and why. Suggestions are read through
// `suggestions/digest-source.ts`; keywords are statistics' TF-IDF words (jieba + its global IDF).
import type { z } from 'zod';
import type { Digest, DigestMatch } from '../../../contracts/duty.js';
import type { Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { globalIdf } from '../statistics/idf.js';
import { topicTerms } from '../statistics/topics.js';
import { openSuggestionsOfDeputy, type OpenSuggestion } from '../suggestions/digest-source.js';
import { listBulletins } from './bulletins.js';
import { requireOwnDeputy } from './load.js';

/** Documents pushed in the last this many days are "new". */
export const DIGEST_DAYS = 90;
/** A word links a document to a suggestion only when it is specific: jieba's global IDF at least this. */
const MIN_IDF = 7;
/** Words of the genre that every document or suggestion of a committee uses. */
const GENRE = new Set(
  '全区 我区 本区 人大 常委 委会 常委会 人大常委会 政府 区政府 人民政府 通报 情况通报 文件 专题 代表 人大代表 议案'.split(
    ' ',
  ),
);

/** The specific words of a text (no genre words, no general ones), each once. */
export function digestWords(text: string): string[] {
  return [...new Set(topicTerms(text))].filter((w) => !GENRE.has(w) && globalIdf(w) >= MIN_IDF);
}

/** Words in both lists, without one that is part of a longer shared word ("停车" beside "停车位"), most specific first. */
export function sharedWords(doc: readonly string[], suggestion: readonly string[]): string[] {
  const other = new Set(suggestion);
  const shared = doc.filter((w) => other.has(w));
  return shared
    .filter((w) => !shared.some((o) => o !== w && o.includes(w)))
    .sort((a, b) => globalIdf(b) - globalIdf(a) || a.localeCompare(b, 'zh-CN'));
}

type Match = z.infer<typeof DigestMatch>;

/**
 * Whether a document concerns a suggestion, and why: it names one of the suggestion's handling
 * units, its topic is the suggestion's category, or they share at least two specific words.
 */
export function matchSuggestion(
  doc: { text: string; topic: string | null; words: readonly string[] },
  s: OpenSuggestion,
  suggestionWords: readonly string[] = digestWords(s.text),
): Match | null {
  const units = s.units.filter((u) => u.name && doc.text.includes(u.name)).map((u) => u.name);
  const category = s.category?.trim() && s.category.trim() === doc.topic?.trim() ? s.category.trim() : null;
  const words = sharedWords(doc.words, suggestionWords);
  if (!units.length && !category && words.length < 2) return null;
  return {
    suggestionId: s.id,
    number: s.number,
    title: s.title,
    role: s.role,
    units,
    category,
    words: words.slice(0, 6),
  };
}

const weight = (m: Match) => m.units.length * 3 + (m.category ? 2 : 0) + m.words.length;

/** The actor's own digest (deputies only): documents of the last DIGEST_DAYS days matching an open suggestion. */
export async function myDigest(p: Platform, actor: Actor): Promise<z.infer<typeof Digest>> {
  const deputyId = await requireOwnDeputy(p.db, actor);
  const suggestions = await openSuggestionsOfDeputy(p.db, deputyId);
  if (!suggestions.length) return { days: DIGEST_DAYS, openSuggestions: 0, items: [] };
  const withWords = suggestions.map((s) => ({ s, words: digestWords(s.text) }));
  const since = Date.now() - DIGEST_DAYS * 86_400_000;
  // Only documents sent to this deputy (those in a staff scope carry a count of recipients, not a receipt).
  const docs = (await listBulletins(p, actor, {})).filter(
    (b) => b.recipients === null && Date.parse(b.publishedAt) >= since,
  );
  const items = [];
  for (const b of docs) {
    const text = `${b.title} ${b.topic ?? ''} ${b.body}`;
    const doc = { text, topic: b.topic, words: digestWords(text) };
    const matches = withWords
      .map(({ s, words }) => matchSuggestion(doc, s, words))
      .filter((m): m is Match => m !== null)
      .sort((x, y) => weight(y) - weight(x) || x.suggestionId - y.suggestionId);
    if (matches.length) items.push({ bulletin: b, matches });
  }
  // Unread first, then the newest.
  items.sort(
    (x, y) =>
      Number(x.bulletin.readAt !== null) - Number(y.bulletin.readAt !== null) ||
      y.bulletin.publishedAt.localeCompare(x.bulletin.publishedAt),
  );
  return { days: DIGEST_DAYS, openSuggestions: suggestions.length, items };
}
