import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { pinyinKeys } from './pinyin.js';

/** The keys as they were first made, one pinyin-pro call per pattern: stored keys must not change. */
function twoCalls(name: string) {
  const opts = { toneType: 'none', surname: 'head', separator: '' } as const;
  return {
    initials: pinyin(name, { ...opts, pattern: 'first' })
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ''),
    sort: pinyin(name, opts).toLowerCase(),
  };
}

describe('pinyin keys of a name', () => {
  it.each([
    ['张三丰', 'zsf', 'zhangsanfeng'],
    ['单雄信', 'sxx', 'shanxiongxin'],
    ['尉迟恭', 'ycg', 'yuchigong'],
    ['阿卜杜·热合曼', 'abdrhm', 'abudu·reheman'],
    ['Tom 李', 'toml', 'tom li'],
    ['基准代表123', 'jzdb123', 'jizhundaibiao123'],
  ])('%s → %s, %s', (name, initials, sort) => {
    expect(pinyinKeys(name)).toEqual({ initials, sort });
  });

  it('are the keys of the two-call way for 50,000 seeded names (surnames, minority names, letters, digits, rare characters)', () => {
    let seed = 20261207;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const chars = [
      ...'单曾长尉乐朴区仇解查翟覃缪万俟欧阳司马诸葛张王李赵钱孙周吴郑冯陈褚卫蒋沈韩杨朱秦尤许何吕施孔曹严华金魏陶姜谢柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤殷罗毕郝邬安常于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹行重银都会给还调觉阿热合曼买买提古丽AaBzXy0189 ·-（）,.㐀𠀀',
    ];
    const differ: string[] = [];
    for (let i = 0; i < 50_000; i++) {
      const name = Array.from(
        { length: 1 + Math.floor(next() * 6) },
        () => chars[Math.floor(next() * chars.length)],
      ).join('');
      const a = pinyinKeys(name);
      const b = twoCalls(name);
      if (a.initials !== b.initials || a.sort !== b.sort) differ.push(name);
    }
    expect(differ).toEqual([]);
  });
});
