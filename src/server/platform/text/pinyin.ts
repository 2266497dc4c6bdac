import { pinyin } from 'pinyin-pro';

/** Pinyin initials for search (张三丰 → zsf) and a sort key, reading surnames correctly (单 → shan). */
export function pinyinKeys(name: string): { initials: string; sort: string } {
  const opts = { toneType: 'none', surname: 'head', separator: '' } as const;
  return {
    initials: pinyin(name, { ...opts, pattern: 'first' })
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ''),
    sort: pinyin(name, opts).toLowerCase(),
  };
}
