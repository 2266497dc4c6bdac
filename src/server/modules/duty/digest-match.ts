// Whether a document (知情知政) concerns a deputy's open suggestion, and why; shared by the digest
// (digest.ts) and the message a deputy gets when such a document is pushed (pushBulletin). Keywords
// are statistics' TF-IDF words (jieba + its global IDF), computed once per document and suggestion text.
import type { z } from 'zod';
import { bulletinIssuerLabels, type BulletinView, type DigestMatch } from '../../../contracts/duty.js';
import type { Tx } from '../../db/database.js';
import { enqueue } from '../../platform/notify/outbox.js';
import { globalIdf } from '../statistics/idf.js';
import { topicTerms } from '../statistics/topics.js';
import { openSuggestionsOfDeputies, type OpenSuggestion } from '../suggestions/digest-source.js';

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

/** Segmenting is the costly part: the words of a document or suggestion are kept by id while its text is the same. */
const CACHE_SIZE = 5000;
const caches = {
  doc: new Map<number, { text: string; words: string[] }>(),
  s: new Map<number, { text: string; words: string[] }>(),
};
export function cachedWords(kind: keyof typeof caches, id: number, text: string): string[] {
  const cache = caches[kind];
  const hit = cache.get(id);
  if (hit?.text === text) return hit.words;
  const words = digestWords(text);
  cache.delete(id);
  cache.set(id, { text, words });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return words;
}

/** Words in both lists, without one that is part of a longer shared word ("停车" beside "停车位"), most specific first. */
export function sharedWords(doc: readonly string[], suggestion: readonly string[]): string[] {
  const other = new Set(suggestion);
  const shared = doc.filter((w) => other.has(w));
  return shared
    .filter((w) => !shared.some((o) => o !== w && o.includes(w)))
    .sort((a, b) => globalIdf(b) - globalIdf(a) || a.localeCompare(b, 'zh-CN'));
}

const LEVELS = '省市区县镇乡';
/** A unit's kind word and the forms it takes in a short name (委员会 → 委). */
const SUFFIXES: [string, string[]][] = [
  ['委员会', ['委员会', '委']],
  ['办公室', ['办公室', '办']],
  ['局', ['局']],
  ['委', ['委']],
  ['中心', ['中心']],
];

/**
 * Where a text names a unit, in full or by its common short form, and the form found; null when not.
 * Organisations have no short-name column, so the short form is derived: the unit's level (区), then
 * characters of its name's body in order starting with its first (住房和城乡建设 → 住建, 人力资源和社会保障
 * → 人社, 市场监督管理 → 市场监管), at least two, then its kind word or that word's short form (局, 委员会 → 委).
 * A form preceded by another level (市住建局 for a 区 unit) is another unit.
 */
export function unitNamedIn(text: string, name: string): string | null {
  if (!name) return null;
  if (text.includes(name)) return name;
  const level = LEVELS.includes(name[0]!) ? name[0]! : '';
  const suffix = SUFFIXES.find(([s]) => name.endsWith(s) && name.length - level.length - s.length >= 2);
  if (!suffix) return null;
  const body = name.slice(level.length, name.length - suffix[0].length);
  for (let i = text.indexOf(body[0]!); i >= 0; i = text.indexOf(body[0]!, i + 1)) {
    const before = text[i - 1] ?? '';
    if (LEVELS.includes(before) && before !== level && before !== '') continue;
    const start = before !== '' && before === level ? i - 1 : i;
    for (let j = i + 1, k = 0; j < text.length && j - i <= body.length; j++) {
      const form = j - i >= 2 ? suffix[1].find((s) => text.startsWith(s, j)) : undefined;
      if (form) return text.slice(start, j + form.length);
      const next = body.indexOf(text[j]!, k + 1);
      if (next < 0) break;
      k = next;
    }
  }
  return null;
}

type Match = z.infer<typeof DigestMatch>;

/**
 * Whether a document concerns a suggestion, and why: it names one of the suggestion's handling
 * units (in full or short), its topic is the suggestion's category, or they share at least two specific words.
 */
export function matchSuggestion(
  doc: { text: string; topic: string | null; words: readonly string[] },
  s: OpenSuggestion,
  suggestionWords: readonly string[] = cachedWords('s', s.id, s.text),
): Match | null {
  const units = s.units.filter((u) => unitNamedIn(doc.text, u.name) !== null).map((u) => u.name);
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

/** The suggestions among `suggestions` a document concerns, strongest first. */
export function matchesOf(
  b: Pick<BulletinView, 'id' | 'title' | 'topic' | 'body'>,
  suggestions: readonly OpenSuggestion[],
): Match[] {
  const text = `${b.title} ${b.topic ?? ''} ${b.body}`;
  const doc = { text, topic: b.topic, words: cachedWords('doc', b.id, text) };
  return suggestions
    .map((s) => matchSuggestion(doc, s))
    .filter((m): m is Match => m !== null)
    .sort((x, y) => weight(y) - weight(x) || x.suggestionId - y.suggestionId);
}

/**
 * When a document is pushed: each recipient (with an account) whose open suggestion it concerns is told
 * in the bell, once per document and deputy, with the way to their digest. In the push's transaction.
 */
export async function tellDigestMatches(
  trx: Tx,
  b: Pick<BulletinView, 'id' | 'title' | 'topic' | 'body' | 'issuer'>,
  recipients: readonly { id: number; user_id: number | null }[],
  scopeOrgId: number,
) {
  let told = 0;
  const withAccounts = recipients.filter((d) => d.user_id);
  const open = await openSuggestionsOfDeputies(
    trx,
    withAccounts.map((d) => d.id),
  );
  for (const d of withAccounts) {
    const suggestions = open.get(d.id) ?? [];
    const [first] = suggestions.length ? matchesOf(b, suggestions) : [];
    if (!first) continue;
    await enqueue(trx, {
      type: 'duty.digestMatch',
      to: { userId: d.user_id! },
      vars: {
        issuer: bulletinIssuerLabels[b.issuer].zh,
        title: b.title.slice(0, 30),
        suggestion: first.title.slice(0, 30),
      },
      dedupeKey: `duty-digest:${b.id}:${d.id}`,
      scopeOrgId,
      link: '/duty/digest',
    });
    told++;
  }
  return told;
}
