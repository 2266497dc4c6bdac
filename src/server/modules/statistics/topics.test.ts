import { describe, expect, it } from 'vitest';
import { globalIdf } from './idf.js';
import { findTopics, type TopicDoc } from './topics.js';

let id = 0;
const doc = (text: string, orgId: number): TopicDoc => ({ id: ++id, text, orgId, day: '2026-11-0' + (1 + (id % 9)) });

// Two planted problems, each raised at several stations in different words, and unrelated noise.
const lamps = [
  doc('大港新村3号楼前的路灯坏了一个多月，晚上出门不安全', 1),
  doc('华山小区门口路灯不亮，夜里路灯坏了老人摔倒', 2),
  doc('明州路路灯坏了好几盏，晚上漆黑一片', 3),
  doc('岷山路的路灯坏了，夜间行走不安全，请修路灯', 1),
];
const noise = [
  doc('夜间施工噪音扰民，凌晨还在打桩，包工头刘志强不理', 2),
  doc('工地晚上噪音太大，施工扰民睡不着，找了刘志强也没用', 3),
  doc('施工单位夜间作业噪音扰民严重', 4),
  doc('建筑工地夜里施工噪音大影响睡眠', 1),
];
const scattered = [
  doc('幼儿园学位紧张，孩子入园难', 1),
  doc('医保报销手续复杂，希望简化流程', 2),
  doc('河道发臭，有污水直排入河', 3),
  doc('预付卡商家跑路无法退款', 4),
  doc('公交班次太少，等车时间长', 2),
  doc('菜市场卫生状况差，地面湿滑', 3),
];

describe('hot topics', () => {
  // Interleaved, as they would arrive: the clusters must not depend on the order.
  const mixed = scattered.flatMap((d, i) => [d, lamps[i], noise[i]].filter((x): x is TopicDoc => !!x));
  const found = findTopics(mixed);

  it('finds the planted clusters, across stations, with their keywords', () => {
    const sets = found.clusters.map((c) => c.members.map((m) => m.id).sort((a, b) => a - b));
    expect(sets).toContainEqual(lamps.map((d) => d.id));
    expect(sets).toContainEqual(noise.map((d) => d.id));
    const lamp = found.clusters.find((c) => c.members.some((m) => m.id === lamps[0]!.id))!;
    expect(lamp.keywords).toContain('路灯');
    expect(new Set(lamp.members.map((m) => m.orgId)).size).toBe(3);
  });

  it('leaves the scattered opinions out of every cluster', () => {
    const clustered = new Set(found.clusters.flatMap((c) => c.members.map((m) => m.id)));
    for (const d of scattered) expect(clustered.has(d.id)).toBe(false);
    expect(found.clusters).toHaveLength(2);
  });

  it('weights the repeated words highest, ignoring filler words', () => {
    const words = found.keywords.map((k) => k.word);
    expect(words.slice(0, 6)).toEqual(expect.arrayContaining(['路灯', '噪音']));
    expect(words).not.toContain('希望');
    // A name two constituents wrote is no keyword (nor any part of it).
    expect(words.filter((w) => w.includes('志强') || w.includes('刘'))).toEqual([]);
  });

  it('with jieba’s global IDF, the specific words outrank the everyday ones', () => {
    expect(globalIdf('路灯')).toBeGreaterThan(globalIdf('晚上'));
    const global = findTopics(mixed, { idf: globalIdf });
    const words = global.keywords.map((k) => k.word);
    expect(words.slice(0, 4)).toEqual(expect.arrayContaining(['路灯', '噪音']));
    expect(words.indexOf('路灯')).toBeLessThan(words.indexOf('晚上') === -1 ? Infinity : words.indexOf('晚上'));
    expect(words).not.toContain('希望');
    // The clusters do not change: they use the period's own weights.
    expect(global.clusters.map((c) => c.members.map((m) => m.id))).toEqual(
      found.clusters.map((c) => c.members.map((m) => m.id)),
    );
  });
});
