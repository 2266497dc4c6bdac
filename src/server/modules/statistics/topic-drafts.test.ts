// A hot-topic cluster turned into a deputy's suggestion draft: a deputy sees the hot topics of their
// own station only, drafts from a cluster (the draft is theirs, its opinions linked, the link kept
// both ways, audited); the committee may draft for a deputy; others are refused; bad input named.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Topics } from '../../../contracts/statistics.js';
import { RegisterOpinion } from '../../../contracts/opinions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  createDeputy,
  createDistrict,
  createStation,
  createUser,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { inTransaction } from '../../db/database.js';
import { chinaTodayWithTime } from '../../../../test/support/china-day.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { registerInTx } from '../opinions/registration.js';

// The whole file works in one China day and year: started within two minutes of midnight, it first
// waits for the next day (the year of the opinions made below and of the period asked for agree).
await chinaTodayWithTime(120_000);

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<'deputyA' | 'deputyB' | 'districtOfficer' | 'unitStaffA' | 'streetOfficerA', { username: string }>;
let deputyA: number;
const lampsA: number[] = [];
const lampsB: number[] = [];

const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);

/** An opinion registered through the portal's use case at a station, by a named constituent with a phone. */
async function opinionAt(orgId: number, content: string) {
  const o = await inTransaction(t.platform.db, (trx) =>
    registerInTx(
      trx,
      t.platform,
      RegisterOpinion.parse({
        orgId,
        channel: 'online',
        content,
        constituent: { anonymous: false, name: '钱先生', phone: '13700000001' },
      }),
      { kind: 'constituent' },
    ),
  );
  return o.id;
}

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  const p = t.platform;
  d = await createDistrict(p);
  await createStation(p, d, { org: d.orgs.stationA, members: 0 });
  await createStation(p, d, { org: d.orgs.stationB, members: 0 });
  const userB = await createUser(p, d.orgs.stationB, 'deputy');
  users = { ...d.users, deputyB: userB };
  deputyA = (await createDeputy(p, d, { org: d.orgs.stationA, station: d.orgs.stationA, user: d.users.deputyA })).id;
  await createDeputy(p, d, { org: d.orgs.stationB, station: d.orgs.stationB, user: userB });
  const year = Number(chinaToday().slice(0, 4));
  await p.db
    .insertInto('congress_session')
    .values({ org_id: d.orgs.root.id, name: `第一次会议${year}`, kind: 'session', year, prefix: '' })
    .execute();
  for (const text of [
    '幸福小区路灯坏了，晚上一片漆黑，电话13911112222',
    '幸福小区东门路灯不亮已经一个月，王阿姨说晚上不敢出门',
    '小区路灯晚上不亮，居民张建国的母亲出门摔倒',
    '幸福小区路灯损坏没人修',
  ])
    lampsA.push(await opinionAt(d.orgs.stationA.id, text));
  for (const text of ['菜场门口垃圾桶满了没人清运', '菜场垃圾桶满溢臭气熏天', '菜场垃圾清运不及时'])
    lampsB.push(await opinionAt(d.orgs.stationB.id, text));
  await opinionAt(d.orgs.stationA.id, '希望增加公交班次');
});

afterAll(async () => {
  await t?.close();
});

const draft = (opinionIds: number[], extra: Record<string, unknown> = {}) => ({
  opinionIds,
  label: '路灯 · 不亮',
  title: '关于修复幸福小区路灯的建议',
  ...extra,
});

describe('hot topics for deputies', () => {
  it('a deputy sees the clusters of their own station, not another one’s', async () => {
    const a = await as('deputyA');
    const mine = await a.get<Topics>('/api/statistics/topics');
    expect(mine.status).toBe(200);
    const lamp = mine.body.clusters.find((c) => c.keywords.includes('路灯'));
    expect(lamp?.opinionIds.sort()).toEqual([...lampsA].sort());
    expect(mine.body.clusters.flatMap((c) => c.opinionIds).some((id) => lampsB.includes(id))).toBe(false);
    // Nothing in a cluster or keyword that looks like a phone number or a name.
    const words = [...mine.body.keywords.map((k) => k.word), ...mine.body.clusters.flatMap((c) => c.keywords)];
    expect(words.filter((w) => /\d|先生/.test(w))).toEqual([]);
    expect(JSON.stringify(mine.body)).not.toContain('钱');
    const other = await a.get(`/api/statistics/topics?orgId=${d.orgs.stationB.id}`);
    expect(other.status).toBe(404);
    const district = await a.get(`/api/statistics/topics?orgId=${d.orgs.root.id}`);
    expect(district.status).toBe(404);
    // The deputy of station B sees B's cluster only.
    const b = await (await as('deputyB')).get<Topics>('/api/statistics/topics');
    expect(b.body.clusters.flatMap((c) => c.opinionIds).sort()).toEqual([...lampsB].sort());
    // Hot topics are all a deputy gets of the statistics.
    expect((await a.get('/api/statistics/dashboard')).status).toBe(403);
  });

  it('drafting from a cluster creates the deputy’s draft with its opinions linked, the link kept both ways', async () => {
    const a = await as('deputyA');
    const res = await a.post<{ suggestionId: number; linkId: number }>(
      '/api/statistics/topics/suggestion',
      draft(lampsA, { from: `${chinaToday().slice(0, 4)}-01-01`, to: chinaToday() }),
    );
    expect(res.status).toBe(200);
    const id = res.body.suggestionId;
    const db = t.platform.db;
    const s = await db
      .selectFrom('suggestion')
      .select(['state', 'lead_deputy_id', 'title', 'content'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(s).toMatchObject({ state: 'draft', lead_deputy_id: deputyA, title: '关于修复幸福小区路灯的建议' });
    expect(s.content).toContain('本建议源自热点问题「路灯 · 不亮」');
    expect(s.content).toContain('共4件相似的群众意见');
    expect(s.content).toContain('［手机号已隐去］');
    expect(s.content).not.toContain('13911112222');
    expect(s.content).not.toContain('钱先生');
    expect(s.content).toContain('某阿姨');
    expect(s.content).not.toContain('王阿姨');
    // A bare name is masked as public documents write it.
    expect(s.content).toContain('居民张某某的母亲');
    expect(s.content).not.toContain('张建国');
    const linked = await db
      .selectFrom('suggestion_opinion')
      .select('opinion_id')
      .where('suggestion_id', '=', id)
      .execute();
    expect(linked.map((r) => r.opinion_id).sort()).toEqual([...lampsA].sort());
    // The suggestion page lists its source opinions; the origin is shown beside it.
    const view = await a.get<{ opinions: { id: number }[]; state: string }>(`/api/suggestions/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.opinions.map((o) => o.id).sort()).toEqual([...lampsA].sort());
    // Their excerpts carry no phone a constituent wrote into the text.
    expect(JSON.stringify(view.body.opinions)).not.toContain('13911112222');
    expect(JSON.stringify(view.body.opinions)).toContain('［手机号已隐去］');
    expect(JSON.stringify(view.body.opinions)).not.toContain('张建国');
    const origin = await a.get<{ origin: { label: string; opinions: number } }>(
      `/api/statistics/topics/origin?suggestionId=${id}`,
    );
    expect(origin.body.origin).toMatchObject({ label: '路灯 · 不亮', opinions: 4 });
    // The cluster shows what it became.
    const topics = await a.get<Topics>('/api/statistics/topics');
    const lamp = topics.body.clusters.find((c) => c.keywords.includes('路灯'))!;
    expect(lamp.links).toContainEqual({ kind: 'suggestion', targetId: id });
    // Audited: the draft (suggestions) and the link (statistics).
    const audit = await db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_id', '=', String(id))
      .where('action', 'in', ['suggestion.draft', 'statistics.topicToSuggestion'])
      .execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['statistics.topicToSuggestion', 'suggestion.draft']);
    // Another deputy cannot read the draft nor its origin.
    const b = await as('deputyB');
    expect((await b.get(`/api/statistics/topics/origin?suggestionId=${id}`)).status).toBe(404);
  });

  it('the committee drafts for a deputy of its area; the draft is the deputy’s', async () => {
    const c = await as('districtOfficer');
    const res = await c.post<{ suggestionId: number }>(
      '/api/statistics/topics/suggestion',
      draft(lampsA.slice(0, 3), { deputyId: deputyA }),
    );
    expect(res.status).toBe(200);
    const s = await t.platform.db
      .selectFrom('suggestion')
      .select(['lead_deputy_id', 'state'])
      .where('id', '=', res.body.suggestionId)
      .executeTakeFirstOrThrow();
    expect(s).toEqual({ lead_deputy_id: deputyA, state: 'draft' });
    const mine = await (await as('deputyA')).get(`/api/suggestions/${res.body.suggestionId}`);
    expect(mine.status).toBe(200);
    // The committee reads the draft it started (but cannot edit or submit it: the deputy's own).
    expect((await c.get(`/api/suggestions/${res.body.suggestionId}`)).status).toBe(200);
    const edit = await c.request('PATCH', `/api/suggestions/${res.body.suggestionId}`, { title: '委员会改的标题' });
    expect(edit.status).toBe(403);
    // Another deputy of the area does not see it.
    expect((await (await as('deputyB')).get(`/api/suggestions/${res.body.suggestionId}`)).status).toBe(404);
    // Without a deputy named, the committee (no deputy of its own) is refused.
    const none = await c.post('/api/statistics/topics/suggestion', draft(lampsA));
    expect(none.status).toBe(403);
  });

  it('refuses a unit, a deputy of another area, and names the bad field in Chinese and English', async () => {
    const unit = await (await as('unitStaffA')).post('/api/statistics/topics/suggestion', draft(lampsA));
    expect(unit.status).toBe(403);
    const b = await as('deputyB');
    const foreign = await b.post<{ error: { code: string; fields: { path: string; message: string }[] } }>(
      '/api/statistics/topics/suggestion',
      draft(lampsA),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields[0]!.path).toBe('body.opinionIds');
    expect(foreign.body.error.fields[0]!.message).toBe('意见不存在或不在您的范围内');
    const en = await b.post<{ error: { fields: { message: string }[] } }>(
      '/api/statistics/topics/suggestion',
      draft(lampsA),
      { headers: { 'accept-language': 'en' } },
    );
    expect(en.body.error.fields[0]!.message).toBe('Some opinions do not exist or are outside your scope');
    const a = await as('deputyA');
    const empty = await a.post<{ error: { fields: { path: string }[] } }>(
      '/api/statistics/topics/suggestion',
      draft([]),
    );
    expect(empty.status).toBe(400);
    expect(empty.body.error.fields[0]!.path).toBe('body.opinionIds');
    const untitled = await a.post<{ error: { fields: { path: string }[] } }>(
      '/api/statistics/topics/suggestion',
      draft(lampsA, { title: '  ' }),
    );
    expect(untitled.status).toBe(400);
    expect(untitled.body.error.fields[0]!.path).toBe('body.title');
    const noSession = await a.post<{ error: { fields: { path: string }[] } }>(
      '/api/statistics/topics/suggestion',
      draft(lampsA, { sessionId: 999_999 }),
    );
    expect(noSession.status).toBe(400);
    expect(noSession.body.error.fields[0]!.path).toBe('body.sessionId');
    // The committee naming a deputy outside its area (none here) or unknown: a field error.
    const street = await (await as('streetOfficerA')).post('/api/statistics/topics/suggestion', draft(lampsA));
    expect(street.status).toBe(403);
    const unknown = await (
      await as('districtOfficer')
    ).post<{ error: { fields: { path: string }[] } }>(
      '/api/statistics/topics/suggestion',
      draft(lampsA, { deputyId: 999_999 }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0]!.path).toBe('body.deputyId');
  });
});
