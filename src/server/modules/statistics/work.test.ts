// Suggestions and projects in the statistics, compliance in one place, the yearly report, the
// per-chart export and a hot topic turned into a project candidate: figures against raw counts.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatCompliance, WorkDrillPage, WorkStats } from '../../../contracts/statistics.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  createDeputy,
  createDistrict,
  createOpinion,
  createStation,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import { sweepDeadlines } from '../opinions/supervision.js';
import { catchUp, rebuild } from './rollup.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
const ids = {} as Record<'s1' | 's2' | 's3' | 's4' | 's5' | 's6' | 'o1' | 'o2', number>;
const today = chinaToday();
const year = Number(today.slice(0, 4));
const range = `from=${year}-01-01&to=${addDays(today, 60)}`;

const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  const p = t.platform;
  const db = p.db;
  await createStation(p, d, { org: d.orgs.stationA, members: 0 });
  await createStation(p, d, { org: d.orgs.stationB, members: 0 });
  const depA = await createDeputy(p, d, { org: d.orgs.stationA });
  const depB = await createDeputy(p, d, { org: d.orgs.stationB });
  const session = await db
    .insertInto('congress_session')
    .values({ org_id: d.orgs.root.id, name: `第一次会议${year}`, kind: 'session', year, prefix: '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const now = new Date();
  const suggestion = async (
    deputy: number,
    state: string,
    n: number | null,
    extra: Record<string, unknown> = {},
    unit?: { state: string; answer?: { on_time: boolean; answer_class: string } },
  ) => {
    const { id } = await db
      .insertInto('suggestion')
      .values({
        org_id: d.orgs.root.id,
        org_path: d.orgs.root.path,
        session_id: session.id,
        number: n,
        lead_deputy_id: deputy,
        title: `建议${state}${n ?? ''}`,
        content: '内容',
        state,
        submitted_at: state === 'draft' ? null : now,
        ...extra,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // As every step writes one: the catch-up follows suggestion events.
    await db.insertInto('suggestion_event').values({ suggestion_id: id, action: state }).execute();
    if (unit) {
      await db
        .insertInto('suggestion_unit')
        .values({
          suggestion_id: id,
          unit_id: d.orgs.officeA.id,
          unit_path: d.orgs.officeA.path,
          role: 'lead',
          state: unit.state,
        })
        .execute();
      if (unit.answer)
        await db
          .insertInto('suggestion_answer')
          .values({
            suggestion_id: id,
            unit_id: d.orgs.officeA.id,
            round: 1,
            content: '答复',
            signed_by: '负责人',
            consulted: true,
            ...unit.answer,
          })
          .execute();
    }
    return Number(id);
  };
  const rated = (r: string) => ({
    first_rating_result: r,
    first_rating_communication: 'satisfied',
    rating_result: r,
    rating_communication: 'satisfied',
  });
  ids.s1 = await suggestion(
    depA.id,
    'closed',
    1,
    { first_answered_at: now, answered_on_time: true, answer_class: 'A', ...rated('satisfied') },
    { state: 'answered', answer: { on_time: true, answer_class: 'A' } },
  );
  ids.s2 = await suggestion(depA.id, 'assigned', 2, { answer_due: addDays(today, -10) }, { state: 'assigned' });
  ids.s3 = await suggestion(
    depB.id,
    'answered',
    3,
    { first_answered_at: now, answered_on_time: false, answer_class: 'C', ...rated('dissatisfied') },
    { state: 'answered', answer: { on_time: false, answer_class: 'C' } },
  );
  ids.s4 = await suggestion(depB.id, 'withdrawn', 4);
  ids.s5 = await suggestion(depA.id, 'draft', null);
  ids.s6 = await suggestion(depB.id, 'submitted', null);
  const project = (org: { id: number; path: string }, state: string, rating: string | null, cost: number) =>
    db
      .insertInto('project')
      .values({
        org_id: org.id,
        org_path: org.path,
        year,
        title: `项目${state}`,
        description: '说明',
        cost,
        funding_source: '区级财政',
        unit_id: d.orgs.officeA.id,
        location: '甲街道',
        expected_completion: `${year}-11-30`,
        source: 'committee',
        state,
        rating,
      })
      .execute();
  await project(d.orgs.root, 'done', 'satisfied', 100);
  await project(d.orgs.root, 'inProgress', null, 50);
  await project(d.orgs.streetA, 'done', 'dissatisfied', 30);
  ids.o1 = (await createOpinion(p, d, 'assigned', { content: '小区路灯坏了晚上很黑' })).id;
  ids.o2 = (await createOpinion(p, d, 'closed', { rating: 'satisfied', content: '小区路灯不亮' })).id;
  await sweepDeadlines(p, addDays(today, 45));
  await catchUp(db);
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

const work = async (who: keyof typeof d.users, extra = '') => {
  const res = await (await as(who)).get<WorkStats>(`/api/statistics/work?${range}${extra}`);
  expect(res.status).toBe(200);
  return res.body;
};

describe('suggestions and projects rolled up', () => {
  it('the district’s suggestion figures equal raw counts over the suggestion table', async () => {
    const w = await work('districtOfficer');
    const raw = (
      await sql<Record<string, number>>`
        SELECT count(*) FILTER (WHERE submitted_at IS NOT NULL)::int AS submitted,
          count(*) FILTER (WHERE number IS NOT NULL AND state NOT IN ('withdrawn', 'merged'))::int AS counted,
          count(*) FILTER (WHERE number IS NOT NULL AND state NOT IN ('withdrawn', 'merged') AND first_answered_at IS NOT NULL)::int AS answered,
          count(*) FILTER (WHERE answered_on_time)::int AS on_time,
          count(*) FILTER (WHERE answer_class = 'A')::int AS a
        FROM suggestion WHERE org_id = ${d.orgs.root.id}`.execute(t.platform.db)
    ).rows[0]!;
    const f = w.suggestions.totals;
    // Hand count: s1–s4 and s6 submitted (the draft is the deputy's own); s1–s3 accepted; s1 and s3 answered.
    expect(raw).toEqual({ submitted: 5, counted: 3, answered: 2, on_time: 1, a: 1 });
    expect([f.submitted, f.counted, f.answered]).toEqual([raw.submitted, raw.counted, raw.answered]);
    expect(f.rates.onTimeRate).toEqual({ num: raw.on_time, den: raw.answered, value: 0.5 });
    expect(f.rates.resolutionRate).toEqual({ num: raw.a, den: raw.answered, value: 0.5 });
    expect(f.rates.firstSatisfactionRate).toEqual({ num: 1, den: 2, value: 0.5 });
    expect(f.rates.finalSatisfactionRate).toEqual({ num: 1, den: 2, value: 0.5 });
    expect(f.classes).toEqual({ A: 1, B: 0, C: 1, D: 0 });
    expect(f.overdue).toBe(1);
    expect(Object.fromEntries(w.suggestions.byState.map((s) => [s.state, s.count]))).toEqual({
      closed: 1,
      assigned: 1,
      answered: 1,
      withdrawn: 1,
      submitted: 1,
    });
    expect(w.suggestions.units).toEqual([
      expect.objectContaining({
        id: d.orgs.officeA.id,
        figures: expect.objectContaining({ counted: 3, answered: 2, overdue: 1 }),
      }),
    ]);
    // Projects of the year: 3, cost 180; by state and year-end rating.
    expect(w.projects.total).toBe(3);
    expect(w.projects.cost).toBe(180);
    expect(Object.fromEntries(w.projects.byState.map((s) => [s.state, s.count]))).toEqual({ done: 2, inProgress: 1 });
    expect(Object.fromEntries(w.projects.byRating.map((s) => [s.rating, s.count]))).toEqual({
      satisfied: 1,
      dissatisfied: 1,
      '': 1,
    });
  });

  it('a station sees its own deputies’ suggestions only; another station is not found', async () => {
    const w = await work('stationHeadA');
    expect(w.suggestions.totals.submitted).toBe(2);
    expect(w.projects.total).toBe(0);
    const other = await (await as('stationHeadA')).get(`/api/statistics/work?orgId=${d.orgs.stationB.id}`);
    expect(other.status).toBe(404);
    const street = await work('streetOfficerA');
    expect(street.projects.total).toBe(1);
  });

  it('a unit sees its own answers; the district drills down to the suggestions behind a figure', async () => {
    const u = await work('unitStaffA');
    expect(u.suggestions.totals).toMatchObject({ counted: 3, answered: 2, overdue: 1 });
    expect(u.projects.total).toBe(3);
    const c = await as('districtOfficer');
    const missed = await c.get<WorkDrillPage>(
      `/api/statistics/work/items?kind=suggestion&figure=onTimeRate&part=missed&${range}`,
    );
    expect(missed.body.items.map((i) => i.id)).toEqual([ids.s3]);
    const overdue = await c.get<WorkDrillPage>(`/api/statistics/work/items?kind=suggestion&figure=overdue&${range}`);
    expect(overdue.body.items.map((i) => i.id)).toEqual([ids.s2]);
    const rated = await c.get<WorkDrillPage>(`/api/statistics/work/items?kind=project&rating=dissatisfied&${range}`);
    expect(rated.body.items.map((i) => i.title)).toEqual(['项目done']);
    // A station head has no right to read suggestions: the counts, not the titles.
    const head = await (await as('stationHeadA')).get(`/api/statistics/work/items?kind=suggestion&${range}`);
    expect(head.status).toBe(403);
    const bad = await c.get<{ error: { fields: { path: string }[] } }>(`/api/statistics/work/items?kind=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]!.path).toContain('kind');
  });

  it('the rebuild keeps the same figures', async () => {
    const before = await work('districtOfficer');
    await rebuild(t.platform.db);
    expect(await work('districtOfficer')).toEqual(before);
  });
});

describe('compliance in one place', () => {
  it('lists every rule with its breaches, the opinion rates the same as the dashboard', async () => {
    const c = await as('districtOfficer');
    const res = await c.get<StatCompliance>(`/api/statistics/compliance?${range}`);
    expect(res.status).toBe(200);
    const rule = (code: string) => res.body.rules.find((r) => r.code === code)!;
    const board = await c.get<{ totals: { current: { rates: Record<string, unknown> } } }>(
      `/api/statistics/dashboard?${range}`,
    );
    expect(rule('opinionOnTime').rate).toEqual(board.body.totals.current.rates.onTimeRate);
    // The assigned opinion is overdue after the sweep: the one breach, linked by its id.
    expect(rule('opinionOnTime').breaches.map((b) => [b.kind, b.id])).toEqual([['opinion', ids.o1]]);
    expect(rule('suggestionOnTime').count).toBe(2);
    expect(
      rule('suggestionOnTime')
        .breaches.map((b) => b.id)
        .sort(),
    ).toEqual([ids.s2, ids.s3].sort());
    expect(rule('receptionCadence')).toMatchObject({ checked: true });
    expect(rule('receptionCadence').breaches.map((b) => b.id)).toEqual(
      expect.arrayContaining([d.orgs.stationA.id, d.orgs.stationB.id]),
    );
  });

  it('a station sees its own page only; a unit has none', async () => {
    const own = await (await as('stationHeadA')).get<StatCompliance>(`/api/statistics/compliance?${range}`);
    expect(own.status).toBe(200);
    expect(own.body.scope.orgId).toBe(d.orgs.stationA.id);
    expect(own.body.rules.find((r) => r.code === 'suggestionOnTime')!.breaches).toEqual([]);
    const cadence = own.body.rules.find((r) => r.code === 'receptionCadence')!;
    expect(cadence.breaches.map((b) => b.id)).not.toContain(d.orgs.stationB.id);
    expect(
      (await (await as('stationHeadA')).get(`/api/statistics/compliance?orgId=${d.orgs.stationB.id}`)).status,
    ).toBe(404);
    expect((await (await as('unitStaffA')).get('/api/statistics/compliance')).status).toBe(404);
    expect((await (await as('admin')).get('/api/statistics/compliance')).status).toBe(403);
  });
});

describe('the yearly report and per-chart export', () => {
  it('serves a printable page and a spreadsheet with the dashboard’s figures', async () => {
    const c = await as('districtOfficer');
    const html = await c.get(`/api/statistics/report.html?year=${year}`);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toContain('text/html');
    // A page under /api: the page's policy, which lets its own <style> apply (a JSON answer's would not).
    expect(html.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    const text = html.raw.toString();
    expect(text).toContain(`${d.orgs.root.name}${year}年度工作报告`);
    expect(text).toContain('按时办结率');
    expect(text).toContain('建议按时答复率');
    expect(text).not.toContain('<script');
    const en = await new TestClient(app, { lang: 'en' });
    await en.login(d.users.districtOfficer.username, PASSWORD);
    expect((await en.get(`/api/statistics/report.html?year=${year}`)).raw.toString()).toContain('annual report');
    const xlsx = await c.get(`/api/statistics/report.xlsx?year=${year}`);
    expect(xlsx.raw.subarray(0, 2).toString()).toBe('PK');
    const bad = await c.get<{ error: { fields: { path: string }[] } }>('/api/statistics/report.html?year=99');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0]!.path).toContain('year');
  });

  it('exports the data behind one chart as CSV or .xlsx', async () => {
    const c = await as('districtOfficer');
    const csv = await c.get(`/api/statistics/chart?part=suggestions&format=csv&${range}`);
    expect(csv.status).toBe(200);
    const lines = csv.raw
      .toString()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('建议按时答复率');
    expect(lines[1]).toBe(`${d.orgs.root.name},5,3,2,50.0%,50.0%,50.0%,50.0%,1`);
    const channels = await c.get(`/api/statistics/chart?part=channels&${range}`);
    expect(channels.raw.subarray(0, 2).toString()).toBe('PK');
    expect((await c.get(`/api/statistics/chart?part=nonsense`)).status).toBe(400);
    expect((await (await as('admin')).get(`/api/statistics/chart?part=series`)).status).toBe(403);
  });
});

describe('a hot topic turned into a project candidate', () => {
  const body = (opinionIds: number[]) => ({
    opinionIds,
    label: '路灯',
    project: {
      year,
      title: '老旧小区路灯改造',
      description: '多个联络站反映路灯损坏。',
      cost: 200000,
      fundingSource: '区级财政',
      location: '甲街道',
      expectedCompletion: `${year}-12-31`,
    },
  });

  it('proposes the candidate through the projects module and keeps the link', async () => {
    const c = await as('districtOfficer');
    const res = await c.post<{ projectId: number; linkId: number }>(
      '/api/statistics/topics/project',
      body([ids.o1, ids.o2]),
    );
    expect(res.status).toBe(200);
    const project = await t.platform.db
      .selectFrom('project')
      .select(['source', 'source_opinion_id', 'state'])
      .where('id', '=', res.body.projectId)
      .executeTakeFirstOrThrow();
    expect(project).toEqual({ source: 'opinion', source_opinion_id: ids.o1, state: 'reserve' });
    const link = await t.platform.db.selectFrom('stat_topic_link').selectAll().executeTakeFirstOrThrow();
    expect(link.opinion_ids.map(Number)).toEqual([ids.o1, ids.o2]);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'statistics.topicToProject')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses opinions outside the scope, an empty list and a candidate without a title', async () => {
    const b = await as('streetOfficerB');
    const out = await b.post<{ error: { fields: { path: string }[] } }>(
      '/api/statistics/topics/project',
      body([ids.o1]),
    );
    expect(out.status).toBe(400);
    expect(out.body.error.fields[0]!.path).toBe('body.opinionIds');
    const c = await as('districtOfficer');
    const empty = await c.post<{ error: { fields: { path: string }[] } }>('/api/statistics/topics/project', body([]));
    expect(empty.status).toBe(400);
    const untitled = body([ids.o1]);
    untitled.project.title = '';
    const noTitle = await c.post<{ error: { fields: { path: string }[] } }>('/api/statistics/topics/project', untitled);
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.fields[0]!.path).toContain('title');
    const unit = await (await as('unitStaffA')).post('/api/statistics/topics/project', body([ids.o1]));
    expect(unit.status).toBe(403);
  });
});
