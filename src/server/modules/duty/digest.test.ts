import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { bulletinIssuerLabels, type Digest, type Nominations } from '../../../contracts/duty.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDeputy, createDistrict, createUser, PASSWORD, type OrgRef } from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { chinaTodayWithTime } from '../../../../test/support/china-day.js';
import { addDays, chinaToday, yearOf } from '../../platform/calendar/dates.js';
import { pinyinKeys } from '../../platform/text/pinyin.js';
import { inTransaction } from '../../db/database.js';
import { tellDigestMatches, unitNamedIn } from './digest-match.js';
import { unitScore } from './unit-awards.js';

type Noms = z.infer<typeof Nominations>;
let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);
// The whole file works in one China day and year: started within two minutes of midnight, it first
// waits for the next day (the year read here, the days the tests write and the server's own year agree).
const Y = yearOf(await chinaTodayWithTime(120_000));
const ids: Record<string, number> = {};
const units: Record<'housing' | 'transport' | 'city' | 'water', OrgRef> = {} as never;

/** A handling unit (a government department under the district). */
async function unit(name: string): Promise<OrgRef> {
  const { id } = await t.platform.db
    .insertInto('organization')
    .values({
      name,
      kind: 'department',
      parent_id: d.orgs.root.id,
      name_sort: pinyinKeys(name).sort,
      path: sql<string>`'0'::ltree`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const path = `${d.orgs.root.path}.${id}`;
  await t.platform.db.updateTable('organization').set({ path }).where('id', '=', id).execute();
  return { id, path, name };
}

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  const p = t.platform;
  const db = p.db;
  d = await createDistrict(p);
  const deputyB = await createUser(p, d.orgs.stationB, 'deputy');
  users = { ...d.users, deputyB };
  const jia = await createDeputy(p, d, { name: '甲代表', user: d.users.deputyA });
  const yi = await createDeputy(p, d, { name: '乙代表', org: d.orgs.streetB, user: deputyB });
  ids.jia = jia.id;
  units.housing = await unit('区住房和城乡建设局');
  units.transport = await unit('区交通运输局');
  units.city = await unit('区城市管理局');
  units.water = await unit('区水务局');
  const session = await db
    .insertInto('congress_session')
    .values({ org_id: d.orgs.root.id, name: `第一次会议${Y}`, kind: 'session', year: Y, prefix: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  let n = 0;
  const today = chinaToday();
  const suggestion = async (o: {
    lead: number;
    state: string;
    title: string;
    content?: string;
    category?: string;
    unit?: OrgRef;
    answer?: { on_time: boolean; answer_class: 'A' | 'B' | 'C' | 'D' };
    rating?: 'satisfied' | 'basicallySatisfied' | 'dissatisfied';
    overdue?: boolean;
    submittedAt?: Date;
  }) => {
    const { id } = await db
      .insertInto('suggestion')
      .values({
        org_id: d.orgs.root.id,
        org_path: d.orgs.root.path,
        session_id: session.id,
        number: ++n,
        lead_deputy_id: o.lead,
        title: o.title,
        content: o.content ?? '内容',
        category: o.category ?? null,
        state: o.state,
        submitted_at: o.submittedAt ?? new Date(),
        answer_due: o.overdue ? addDays(today, -10) : addDays(today, 30),
        first_answered_at: o.answer ? new Date() : null,
        answered_on_time: o.answer?.on_time ?? null,
        answer_class: o.answer?.answer_class ?? null,
        rating_result: o.rating ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (o.unit) {
      await db
        .insertInto('suggestion_unit')
        .values({
          suggestion_id: id,
          unit_id: o.unit.id,
          unit_path: o.unit.path,
          role: 'lead',
          state: o.answer ? 'answered' : 'assigned',
        })
        .execute();
      if (o.answer)
        await db
          .insertInto('suggestion_answer')
          .values({
            suggestion_id: id,
            unit_id: o.unit.id,
            round: 1,
            content: '答复',
            signed_by: '负责人',
            consulted: true,
            ...o.answer,
          })
          .execute();
    }
    return Number(id);
  };
  // 甲's open suggestions: one led (housing), one co-signed (乙 leads it); one led and closed.
  ids.elevator = await suggestion({
    lead: jia.id,
    state: 'assigned',
    title: '关于加快老旧小区加装电梯的建议',
    content: '我区老旧小区居民上下楼困难，建议加快推进加装电梯，简化审批。',
    category: '城建',
    unit: units.housing,
  });
  ids.bus = await suggestion({
    lead: yi.id,
    state: 'accepted',
    title: '关于增设公交线路方便居民出行的建议',
    content: '新建小区周边公交线路少，居民出行不便。',
    category: '交通',
  });
  await db
    .insertInto('suggestion_signer')
    .values({ suggestion_id: ids.bus, deputy_id: jia.id, state: 'confirmed' })
    .execute();
  ids.flood = await suggestion({
    lead: jia.id,
    state: 'closed',
    title: '关于完善防汛排涝设施的建议',
    content: '每逢暴雨积水严重，建议完善排涝泵站。',
    unit: units.water,
    answer: { on_time: true, answer_class: 'A' },
    rating: 'satisfied',
  });
  // 乙's own open suggestion on the same subject as a document 甲 also receives.
  ids.subsidy = await suggestion({
    lead: yi.id,
    state: 'assigned',
    title: '关于提高加装电梯补贴标准的建议',
    content: '老旧小区加装电梯补贴偏低。',
  });

  // The handling record for the unit ranking (all submitted this year unless said): unit, state, answer
  // (on time, class), the deputies' final rating.
  // housing: on time A 满意, on time B 基本满意, late A 不满意, one overdue unanswered.
  // transport: on time A 满意, on time A not rated yet.
  // city: on time C 基本满意 this year; last year's on time A 满意 does not count.
  // water: only 甲's closed flood suggestion (on time A 满意) → 100, like transport but fewer answered.
  const record: [
    OrgRef,
    string,
    [boolean, 'A' | 'B' | 'C'] | null,
    'satisfied' | 'basicallySatisfied' | 'dissatisfied' | null,
  ][] = [
    [units.housing, 'closed', [true, 'A'], 'satisfied'],
    [units.housing, 'closed', [true, 'B'], 'basicallySatisfied'],
    [units.housing, 'closed', [false, 'A'], 'dissatisfied'],
    [units.housing, 'assigned', null, null],
    [units.transport, 'closed', [true, 'A'], 'satisfied'],
    [units.transport, 'answered', [true, 'A'], null],
    [units.city, 'closed', [true, 'C'], 'basicallySatisfied'],
  ];
  for (const [u, state, answer, rating] of record)
    await suggestion({
      lead: yi.id,
      state,
      title: `${u.name}${state}`,
      unit: u,
      answer: answer ? { on_time: answer[0], answer_class: answer[1] } : undefined,
      rating: rating ?? undefined,
      overdue: !answer,
    });
  await suggestion({
    lead: yi.id,
    state: 'closed',
    title: 'c0',
    unit: units.city,
    answer: { on_time: true, answer_class: 'A' },
    rating: 'satisfied',
    submittedAt: new Date(`${Y - 1}-06-01T02:00:00Z`),
  });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe("a deputy's digest: new documents tied to their open suggestions", () => {
  it('matches by shared words, category and handling unit; never a closed suggestion or another deputy’s', async () => {
    const c = await as('districtOfficer');
    const push = async (title: string, body: string, topic?: string) => {
      const r = await c.post<{ id: number; recipients: number }>('/api/duty/bulletins', {
        issuer: 'government',
        title,
        body,
        topic,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body.recipients).toBe(2);
      return r.body.id;
    };
    const elevatorDoc = await push(
      '关于老旧小区加装电梯补贴申报的通知',
      '既有住宅加装电梯补贴今年起申报，老旧小区优先。',
    );
    const floodDoc = await push('汛期防汛工作安排', '做好防汛排涝、泵站检修和暴雨积水点整治。');
    const busDoc = await push('公共交通年度工作要点', '优化线网，提升服务。', '交通');
    const unitDoc = await push('城市更新项目清单', `由${units.housing.name}牵头实施，年内完成。`);
    const courtDoc = await push('法院工作情况通报', '上半年审结案件情况。');

    const mine = await (await as('deputyA')).get<Digest>('/api/duty/digest');
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.openSuggestions).toBe(2); // the elevator (led) and the bus (co-signed); not the closed flood one
    const byDoc = new Map(mine.body.items.map((i) => [i.bulletin.id, i.matches]));
    // The elevator document shares four specific words with the elevator suggestion (most specific first by
    // jieba's IDF: 老旧 9.8, 电梯 8.9, 加装 8.5, 小区 7.5) and only "小区" with the bus one (one word: no match).
    expect(byDoc.get(elevatorDoc)).toEqual([
      {
        suggestionId: ids.elevator,
        number: '第1号',
        title: '关于加快老旧小区加装电梯的建议',
        role: 'lead',
        units: [],
        category: null,
        words: ['老旧', '电梯', '加装', '小区'],
      },
    ]);
    // Flood matches only the closed suggestion, the court report nothing: neither is in the digest.
    expect(byDoc.has(floodDoc)).toBe(false);
    expect(byDoc.has(courtDoc)).toBe(false);
    // The transport document by its topic equal to the co-signed suggestion's category.
    expect(byDoc.get(busDoc)).toMatchObject([{ suggestionId: ids.bus, role: 'coSigner', category: '交通' }]);
    // The city-renewal list names the elevator suggestion's handling unit.
    expect(byDoc.get(unitDoc)).toMatchObject([{ suggestionId: ids.elevator, units: [units.housing.name] }]);
    expect(mine.body.items.flatMap((i) => i.matches.map((m) => m.suggestionId))).not.toContain(ids.subsidy);

    // Opening a document from the digest is the read receipt, as in the library; read ones go after unread.
    const read = await (await as('deputyA')).post<{ readAt: string | null }>(`/api/duty/bulletins/${elevatorDoc}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).not.toBeNull();
    const after = await (await as('deputyA')).get<Digest>('/api/duty/digest');
    expect(after.body.items.at(-1)!.bulletin).toMatchObject({ id: elevatorDoc, readAt: read.body.readAt });
    const receipts = await c.get<{ items: { deputyName: string; readAt: string | null }[] }>(
      `/api/duty/bulletins/${elevatorDoc}/receipts`,
    );
    expect(receipts.body.items.find((r) => r.deputyName === '甲代表')!.readAt).toBe(read.body.readAt);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('subject_id')
      .where('action', '=', 'duty.readBulletin')
      .execute();
    expect(audit.map((a) => Number(a.subject_id))).toEqual([elevatorDoc]);

    // 乙 sees their own: the elevator document against their subsidy suggestion, the bus one as its lead.
    const theirs = await (await as('deputyB')).get<Digest>('/api/duty/digest');
    const theirMatches = new Map(theirs.body.items.map((i) => [i.bulletin.id, i.matches.map((m) => m.suggestionId)]));
    expect(theirMatches.get(elevatorDoc)).toEqual([ids.subsidy]);
    expect(theirMatches.get(busDoc)).toEqual([ids.bus]);
    expect(theirs.body.items.find((i) => i.bulletin.id === elevatorDoc)!.bulletin.readAt).toBeNull();

    // Each deputy was told in the bell of the documents that concern them, once per document.
    const told = (userId: number) =>
      t.platform.db
        .selectFrom('notify_message')
        .select(['dedupe_key', 'vars', 'link'])
        .where('to_user_id', '=', userId)
        .where('type', '=', 'duty.digestMatch')
        .orderBy('id')
        .execute();
    const jiaTold = await told(d.users.deputyA.id);
    expect(jiaTold.map((m) => m.dedupe_key)).toEqual(
      [elevatorDoc, busDoc, unitDoc].map((b) => `duty-digest:${b}:${ids.jia}`),
    );
    expect(jiaTold[0]).toMatchObject({
      link: '/duty/digest',
      vars: {
        issuer: bulletinIssuerLabels.government.zh,
        title: '关于老旧小区加装电梯补贴申报的通知',
        suggestion: '关于加快老旧小区加装电梯的建议',
      },
    });
    expect((await told(users.deputyB!.id)).length).toBeGreaterThan(0);

    // Staff and units have no digest of their own.
    for (const who of ['districtOfficer', 'unitStaffA'] as const) {
      const r = await (await as(who)).get<{ error: { code: string } }>('/api/duty/digest');
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('DUTY_NOT_A_DEPUTY');
    }
  });
});

describe('short unit names in the digest and the message, once per document and deputy', () => {
  it('a document naming 区住建局 concerns the suggestion handled by 区住房和城乡建设局; 市住建局 does not', async () => {
    const c = await as('districtOfficer');
    const push = async (title: string, body: string) =>
      (await c.post<{ id: number }>('/api/duty/bulletins', { issuer: 'government', title, body })).body.id;
    const short = await push('安全生产检查安排', '请区住建局会同各街道开展检查。');
    const city = await push('全市安全生产检查部署', '市住建局部署全市检查。');
    const mine = (await (await as('deputyA')).get<Digest>('/api/duty/digest')).body;
    expect(mine.items.find((i) => i.bulletin.id === short)!.matches).toMatchObject([
      { suggestionId: ids.elevator, units: ['区住房和城乡建设局'] },
    ]);
    expect(mine.items.some((i) => i.bulletin.id === city)).toBe(false);
    const count = async () =>
      (
        await t.platform.db
          .selectFrom('notify_message')
          .select('dedupe_key')
          .where('type', '=', 'duty.digestMatch')
          .where('to_user_id', '=', d.users.deputyA.id)
          .execute()
      ).map((m) => m.dedupe_key);
    const before = await count();
    expect(before).toContain(`duty-digest:${short}:${ids.jia}`);
    expect(before).not.toContain(`duty-digest:${city}:${ids.jia}`);
    // Told again about the same document: nothing new.
    const again = await inTransaction(t.platform.db, (trx) =>
      tellDigestMatches(
        trx,
        {
          id: short,
          title: '安全生产检查安排',
          body: '请区住建局会同各街道开展检查。',
          topic: null,
          issuer: 'government',
        },
        [{ id: ids.jia!, user_id: d.users.deputyA.id }],
        d.orgs.root.id,
      ),
    );
    expect(again).toBe(1);
    expect(await count()).toEqual(before);
    // Older than 90 days: out of the digest (the bound is in the query).
    await t.platform.db
      .updateTable('duty_bulletin')
      .set({ published_at: sql<Date>`now() - interval '91 days'` })
      .where('id', '=', short)
      .execute();
    const later = (await (await as('deputyA')).get<Digest>('/api/duty/digest')).body;
    expect(later.items.some((i) => i.bulletin.id === short)).toBe(false);
  });
});

describe('a unit named by its common short form (no short-name column: a derived rule)', () => {
  it('level, then characters of the name in order from its first, then the kind word or its short form', () => {
    const housing = '区住房和城乡建设局';
    expect(unitNamedIn('由区住房和城乡建设局牵头', housing)).toBe(housing);
    expect(unitNamedIn('请区住建局会同各街道', housing)).toBe('区住建局');
    expect(unitNamedIn('全区住建局系统', housing)).toBe('区住建局');
    expect(unitNamedIn('由住建局负责', housing)).toBe('住建局');
    expect(unitNamedIn('区住房城乡建设局', housing)).toBe('区住房城乡建设局');
    expect(unitNamedIn('区人社局', '区人力资源和社会保障局')).toBe('区人社局');
    expect(unitNamedIn('区卫健委', '区卫生健康委员会')).toBe('区卫健委');
    expect(unitNamedIn('区市场监管局', '区市场监督管理局')).toBe('区市场监管局');
    expect(unitNamedIn('区发改委牵头', '区发展和改革委员会')).toBe('区发改委');
    // Another level's unit, another unit, a word without the kind, one character: not this unit.
    expect(unitNamedIn('市住建局部署', housing)).toBeNull();
    expect(unitNamedIn('区建设局', housing)).toBeNull();
    expect(unitNamedIn('区交通局', housing)).toBeNull();
    expect(unitNamedIn('住房保障', housing)).toBeNull();
    expect(unitNamedIn('区住局', housing)).toBeNull();
    expect(unitNamedIn('区政府办公室', '新碶街道办事处')).toBeNull();
  });
});

describe('建议办理先进单位: units pre-ranked from the handling record, decided by the committee', () => {
  it('ranks a fixture computed by hand and records the decision; units and streets cannot', async () => {
    const c = await as('districtOfficer');
    const list = await c.get<Noms>(`/api/duty/awards/nominations?year=${Y}&category=advancedUnit`);
    expect(list.status, JSON.stringify(list.body)).toBe(200);
    // transport: on time 2/2 → 40; satisfaction 1/1 → 40; A 2/2 → 20: 100 (2 answered).
    // water: 1/1, 1/1, 1/1: 100 (1 answered, so after transport).
    // city: on time 1/1 → 40; (0 + ½)/1 → 20; A 0/1 → 0: 60 (last year's suggestion left out).
    // housing: on time 2/(3 answered + 1 overdue) → 20; (1 + ½)/3 → 20; A 2/3 → 13.33: 53.3.
    expect(list.body.rows.map((r) => [r.rank, r.subjectId, r.basis])).toEqual([
      [1, units.transport.id, '按时答复 2/2 · 满意 1 基本满意 0 不满意 0 · A类 2/2 · 得分 100'],
      [2, units.water.id, '按时答复 1/1 · 满意 1 基本满意 0 不满意 0 · A类 1/1 · 得分 100'],
      [3, units.city.id, '按时答复 1/1 · 满意 0 基本满意 1 不满意 0 · A类 0/1 · 得分 60'],
      [4, units.housing.id, '按时答复 2/4 · 满意 1 基本满意 1 不满意 1 · A类 2/3 · 得分 53.3'],
    ]);
    expect(list.body.rows[0]!.name).toBe('区交通运输局');
    expect(
      unitScore({
        unitId: 1,
        unitName: 'x',
        answered: 0,
        onTime: 0,
        overdue: 2,
        satisfied: 0,
        basicallySatisfied: 0,
        dissatisfied: 0,
        classA: 0,
      }),
    ).toBe(0);

    // A unit and a street committee neither see nor decide the ranking.
    for (const who of ['unitStaffA', 'streetOfficerA'] as const) {
      const u = await as(who);
      expect((await u.get(`/api/duty/awards/nominations?year=${Y}&category=advancedUnit`)).status).toBe(403);
      const r = await u.post('/api/duty/awards', {
        year: Y,
        category: 'advancedUnit',
        subjectId: units.transport.id,
        note: '自荐为先进单位',
      });
      expect(r.status).toBe(403);
    }
    const decision = {
      year: Y,
      category: 'advancedUnit',
      subjectId: units.transport.id,
      note: '经主任会议研究，评为建议办理先进单位',
    };
    expect((await c.post('/api/duty/awards', decision)).status).toBe(201);
    expect((await c.post<{ error: { code: string } }>('/api/duty/awards', decision)).body.error.code).toBe(
      'DUTY_AWARD_EXISTS',
    );
    const notRanked = await c.post<{ error: { code: string } }>('/api/duty/awards', {
      ...decision,
      subjectId: d.orgs.officeA.id,
    });
    expect(notRanked.body.error.code).toBe('DUTY_NOT_NOMINATED');
    const again = await c.get<Noms>(`/api/duty/awards/nominations?year=${Y}&category=advancedUnit`);
    expect(again.body.rows.map((r) => r.awarded)).toEqual([true, false, false, false]);
    const row = await t.platform.db
      .selectFrom('duty_award')
      .select(['category', 'subject_name', 'rank', 'basis'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      category: 'advancedUnit',
      subject_name: '区交通运输局',
      rank: 1,
      basis: '按时答复 2/2 · 满意 1 基本满意 0 不满意 0 · A类 2/2 · 得分 100',
    });
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select(['action', 'summary'])
      .where('action', '=', 'duty.decideAward')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toMatchObject({ after: { category: 'advancedUnit', name: '区交通运输局', rank: 1 } });
  });
});
