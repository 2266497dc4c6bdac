import { describe, expect, it } from 'vitest';
import { deidentify, maskPersonNames } from './names.js';

describe('a constituent’s words de-identified', () => {
  it.each([
    ['张建国反映小区路灯坏了三个月', '张某某反映小区路灯坏了三个月'],
    ['联系人刘伟，电话见附件', '联系人刘某，电话见附件'],
    ['业主王芳、孙丽华等人反映物业费问题', '业主王某、孙某某等人反映物业费问题'],
    ['我叫马晓东，住在幸福小区', '我叫马某某，住在幸福小区'],
    ['欧阳娜娜和赵四投诉噪音', '欧阳某某和赵某投诉噪音'],
    ['高新区杨家村村民杨永福反映', '高新区杨家村村民杨某某反映'],
    ['居民张三说路灯坏了', '居民张某说路灯坏了'],
  ])('masks the bare names in %s', (text, masked) => {
    expect(maskPersonNames(text)).toBe(masked);
  });

  it.each([
    '希望政府尽快修复长江路的井盖',
    '黄山路和黎明街道的垃圾清运',
    '李子园小区的王府井商场门口',
    '金沙江路的高架桥噪音太大',
    '石门村的道路坑洼',
    '高考期间工地夜间施工扰民',
    '龙华区的学校门口交通混乱',
    '希望增加公交班次，方便老年人就医',
  ])('leaves places and plain words alone: %s', (text) => {
    expect(maskPersonNames(text)).toBe(text);
  });

  it('removes contacts, persons addressed by surname and bare names together', () => {
    expect(deidentify('居民李秀英说楼道堆放杂物，王大爷也同意，电话13911112222')).toBe(
      '居民李某某说楼道堆放杂物，某大爷也同意，电话［手机号已隐去］',
    );
    expect(deidentify('陈先生反映菜市场周边交通拥堵')).toBe('某先生反映菜市场周边交通拥堵');
  });
});
