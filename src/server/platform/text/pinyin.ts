import { pinyin } from 'pinyin-pro';

/**
 * Pinyin initials for search (张三丰 → zsf) and a sort key, reading surnames correctly (单 → shan).
 * One reading of the name, syllable by syllable (anything not Chinese is its own item), gives both:
 * half the time of asking pinyin-pro twice, once per pattern, with the same keys (pinyin.test.ts).
 */
export function pinyinKeys(name: string): { initials: string; sort: string } {
  const syllables = pinyin(name, { type: 'array', toneType: 'none', surname: 'head' });
  let initials = '';
  for (const s of syllables) initials += s.charAt(0);
  return {
    initials: initials.toLowerCase().replace(/[^a-z0-9]/g, ''),
    sort: syllables.join('').toLowerCase(),
  };
}
