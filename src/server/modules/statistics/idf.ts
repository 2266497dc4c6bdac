// jieba's global IDF dictionary (the one its TF-IDF keyword extraction uses, ≈ 270,000 words
// weighed over a large general corpus): a word common everywhere ("晚上") weighs little, a
// specific one ("路灯", "噪音") much. Loaded on first use (hot topics only).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let table: Map<string, number> | undefined;
let median = 0;

function load() {
  if (table) return table;
  const { idf } = require('@node-rs/jieba/dict') as { idf: Uint8Array };
  const map = new Map<string, number>();
  for (const line of Buffer.from(idf).toString('utf8').split('\n')) {
    const space = line.lastIndexOf(' ');
    if (space <= 0) continue;
    const v = Number(line.slice(space + 1));
    if (Number.isFinite(v)) map.set(line.slice(0, space), v);
  }
  // Like jieba: a word the dictionary does not know weighs the median.
  const values = [...map.values()].sort((a, b) => a - b);
  median = values[Math.floor(values.length / 2)] ?? 0;
  table = map;
  return map;
}

/** The global IDF of a word (the dictionary's median for an unknown one). */
export function globalIdf(word: string): number {
  return load().get(word) ?? median;
}
