import { createRequire } from 'node:module';
import type * as JiebaModule from '@node-rs/jieba';
import type { Jieba } from '@node-rs/jieba';

const require = createRequire(import.meta.url);
let jieba: Jieba | undefined;

/** The segmenter, loaded on first use (≈ 0.3 s for the dictionary). */
function segmenter(): Jieba {
  if (!jieba) {
    const { Jieba: JiebaClass } = require('@node-rs/jieba') as typeof JiebaModule;
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = JiebaClass.withDict(dict);
  }
  return jieba;
}

// Particles and fillers that match everything and mean nothing in a search.
const STOP = new Set(
  '的 了 和 是 在 有 我 我们 你 他 她 它 也 都 就 还 又 很 被 把 与 及 或 请 呢 吗 啊 吧 着 个 这 那 这个 那个 一个 没有 不 要 能 会 说 对 给 让'.split(
    ' ',
  ),
);
const WORD = /[\p{L}\p{N}]/u;

/** A text's words with jieba's part-of-speech tags (`nr` a person's name; `x` a word the dictionary lacks). */
export function taggedWords(text: string): { word: string; tag: string }[] {
  return segmenter().tag(text, true);
}

/**
 * The words of a Chinese (or mixed) text for the search index: jieba's search-mode cut (long words
 * and their parts), lower-cased, without punctuation and stop words, each once.
 */
export function searchTerms(text: string): string[] {
  const out = new Set<string>();
  for (const raw of segmenter().cutForSearch(text.normalize('NFKC'), true)) {
    const w = raw.trim().toLowerCase();
    if (!w || !WORD.test(w) || STOP.has(w) || w.length > 40) continue;
    out.add(w);
  }
  return [...out];
}

/** The terms as one space-separated document for `to_tsvector('simple', …)`. */
export function searchDocument(text: string): string {
  return searchTerms(text).join(' ');
}

/** A tsquery text in which every term of the query must match (terms quoted for to_tsquery). */
export function searchQuery(text: string): string | null {
  const terms = searchTerms(text).filter((t) => t.length > 1 || /[\p{Script=Han}]/u.test(t));
  if (terms.length === 0) return null;
  return terms.map((t) => `'${t.replace(/'/g, "''").replace(/\\/g, '')}'`).join(' & ');
}

/** Like `searchQuery`, but any term may match (for "similar" lookups: duplicates, category hints). */
export function anyTermQuery(text: string, max = 12): string | null {
  const terms = searchTerms(text).filter((t) => t.length > 1);
  if (terms.length === 0) return null;
  return terms
    .slice(0, max)
    .map((t) => `'${t.replace(/'/g, "''").replace(/\\/g, '')}'`)
    .join(' | ');
}
