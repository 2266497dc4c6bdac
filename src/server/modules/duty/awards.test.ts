import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDeputy, createDistrict, createStation, PASSWORD } from '../../../../test/support/factories.js';
import { upload } from '../../../../test/support/files.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { inTransaction } from '../../db/database.js';
import { chinaTodayWithTime } from '../../../../test/support/china-day.js';
import { yearOf } from '../../platform/calendar/dates.js';
import { recordActivity } from './record-activity.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let stationC: { id: number };
// The whole file works in one China day and year: started within two minutes of midnight, it first
// waits for the next day (the year read here, the days the tests write and the server's own year agree).
const Y = yearOf(await chinaTodayWithTime(120_000));
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);
const six = (met: number) =>
  ['premises', 'rules', 'plan', 'notice', 'materials', 'archive'].map((key, i) => ({ key, met: i < met }));

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  await createStation(t.platform, d, { org: d.orgs.stationA, members: 0 });
  await createStation(t.platform, d, { org: d.orgs.stationB, members: 0, parent: d.orgs.streetB });
  stationC = await createStation(t.platform, d, { members: 0 });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('station assessment against "六有"', () => {
  it('scores a fixture: all six met passes, five does not, one not assessed falls short', async () => {
    const c = await as('districtOfficer');
    const a = await c.request<{ id: number; score: number; passed: boolean }>('PUT', '/api/duty/assessments', {
      stationId: d.orgs.stationA.id,
      year: Y,
      items: six(6),
    });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body).toMatchObject({ score: 60, passed: true });
    const b = await c.request<{ score: number; passed: boolean }>('PUT', '/api/duty/assessments', {
      stationId: d.orgs.stationB.id,
      year: Y,
      items: [...six(5).slice(0, 5), { key: 'archive', met: false, note: '档案未按年度装订' }],
    });
    expect(b.body).toMatchObject({ score: 50, passed: false });
    const list = await c.get<{
      rows: {
        stationId: number;
        score: number | null;
        passed: boolean;
        items: { key: string; note: string | null }[];
      }[];
    }>(`/api/duty/assessments?year=${Y}`);
    expect(list.body.rows.map((r) => [r.stationId, r.score, r.passed])).toEqual([
      [d.orgs.stationA.id, 60, true],
      [d.orgs.stationB.id, 50, false],
      [stationC.id, null, false],
    ]);
    expect(list.body.rows[1]!.items.find((i) => i.key === 'archive')!.note).toBe('档案未按年度装订');

    // The station adds evidence to its own item but does not assess itself; another street does not see it.
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#0c0' } })
      .png()
      .toBuffer();
    const ev = await upload(
      await as('liaisonOfficerA'),
      'POST',
      `/api/duty/assessments/${a.body.id}/evidence?item=premises`,
      png,
      'p.png',
      'image/png',
    );
    expect(ev.status, JSON.stringify(ev.body)).toBe(200);
    const badItem = await upload(
      await as('liaisonOfficerA'),
      'POST',
      `/api/duty/assessments/${a.body.id}/evidence?item=nope`,
      png,
      'p.png',
      'image/png',
    );
    expect(badItem.status).toBe(400);
    expect(
      (
        await (
          await as('liaisonOfficerA')
        ).request('PUT', '/api/duty/assessments', { stationId: d.orgs.stationA.id, year: Y, items: six(6) })
      ).status,
    ).toBe(403);
    expect(
      (
        await (
          await as('streetOfficerB')
        ).request('PUT', '/api/duty/assessments', { stationId: d.orgs.stationA.id, year: Y, items: six(6) })
      ).status,
    ).toBe(404);
    const unknown = await c.request<{ error: { fields: { path: string }[] } }>('PUT', '/api/duty/assessments', {
      stationId: d.orgs.stationA.id,
      year: Y,
      items: [{ key: 'canteen', met: true }],
    });
    expect(unknown.body.error.fields[0]!.path).toBe('body.items.0.key');
    const after = await c.get<{ rows: { stationId: number; items: { key: string; evidence: unknown[] }[] }[] }>(
      `/api/duty/assessments?year=${Y}`,
    );
    expect(after.body.rows[0]!.items.find((i) => i.key === 'premises')!.evidence).toHaveLength(1);
  });
});

describe('award nominations, pre-ranked and decided by the committee', () => {
  it('ranks deputies, groups, suggestions and stations from the record, and records decisions', async () => {
    const p = t.platform;
    const busy = await createDeputy(p, d, { name: '勤勉代表' });
    const some = await createDeputy(p, d, { name: '一般代表' });
    await createDeputy(p, d, { name: '无记录代表' });
    await inTransaction(p.db, async (trx) => {
      const fact = (deputyId: number, kind: string, key: string, flags: string[] = []) =>
        recordActivity(trx, { deputyId, kind, sourceKey: key, day: `${Y}-05-01`, title: `${kind} ${key}`, flags });
      await fact(busy.id, 'inspection', 'x:1');
      await fact(busy.id, 'research', 'x:2');
      await fact(busy.id, 'suggestionLed', 'suggestion:77', ['answerA', 'keySupervised']);
      await fact(some.id, 'suggestionLed', 'suggestion:78', ['answerA']);
      await fact(some.id, 'suggestionLed', 'suggestion:79');
    });
    const { id: groupId } = await p.db
      .insertInto('deputy_group')
      .values({ org_id: d.orgs.streetA.id, name: '甲街道代表小组', name_sort: 'jia' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await p.db
      .insertInto('deputy_group_member')
      .values([{ group_id: groupId, deputy_id: busy.id }])
      .execute();
    const c = await as('districtOfficer');
    expect(
      (
        await c.post('/api/duty/rules', {
          fromYear: Y,
          rules: {
            base: 0,
            perKind: { inspection: 3, research: 3, suggestionLed: 10 },
            bands: [{ label: '合格', min: null }],
          },
        })
      ).status,
    ).toBe(201);
    type Noms = { rows: { rank: number; subjectId: number; name: string; awarded: boolean }[] };
    const deputies = await c.get<Noms>(`/api/duty/awards/nominations?year=${Y}&category=excellentDeputy`);
    // 勤勉 3 + 3 + 10 = 16, 一般 10 + 10 = 20: ranked by points; the deputy with nothing recorded is not nominated.
    expect(deputies.body.rows.map((r) => [r.rank, r.name])).toEqual([
      [1, '一般代表'],
      [2, '勤勉代表'],
    ]);
    const suggestions = await c.get<Noms>(`/api/duty/awards/nominations?year=${Y}&category=excellentSuggestion`);
    expect(suggestions.body.rows.map((r) => r.subjectId)).toEqual([77, 78]);
    const groups = await c.get<Noms>(`/api/duty/awards/nominations?year=${Y}&category=advancedGroup`);
    expect(groups.body.rows.map((r) => r.subjectId)).toEqual([groupId]);
    await c.request('PUT', '/api/duty/assessments', { stationId: d.orgs.stationA.id, year: Y, items: six(6) });
    const stations = await c.get<Noms>(`/api/duty/awards/nominations?year=${Y}&category=advancedStation`);
    expect(stations.body.rows.map((r) => r.subjectId)).toEqual([d.orgs.stationA.id]);

    expect(
      (await (await as('streetOfficerA')).get(`/api/duty/awards/nominations?year=${Y}&category=excellentDeputy`))
        .status,
    ).toBe(403);
    const award = { year: Y, category: 'excellentDeputy', subjectId: some.id, note: '经主任会议研究，评为优秀代表' };
    expect((await c.post('/api/duty/awards', award)).status).toBe(201);
    expect((await c.post<{ error: { code: string } }>('/api/duty/awards', award)).body.error.code).toBe(
      'DUTY_AWARD_EXISTS',
    );
    const notNominated = await c.post<{ error: { code: string } }>('/api/duty/awards', { ...award, subjectId: 999999 });
    expect(notNominated.body.error.code).toBe('DUTY_NOT_NOMINATED');
    const again = await c.get<Noms>(`/api/duty/awards/nominations?year=${Y}&category=excellentDeputy`);
    expect(again.body.rows.find((r) => r.subjectId === some.id)!.awarded).toBe(true);
    const audit = await p.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'duty.decideAward')
      .execute();
    expect(audit).toHaveLength(1);
  });
});

describe('training sessions', () => {
  it('records attendance with hours once per deputy; only the district committee records it', async () => {
    const p = t.platform;
    const a = await createDeputy(p, d, { name: '培训甲' });
    const b = await createDeputy(p, d, { name: '培训乙' });
    const body = {
      sessionKey: 'training-2026-01',
      title: '新任代表履职培训',
      day: `${Y}-03-10`,
      hours: 6,
      deputyIds: [a.id],
    };
    const c = await as('districtOfficer');
    expect((await c.post<{ added: number }>('/api/duty/trainings', body)).body).toEqual({ attendees: 1, added: 1 });
    expect((await c.post<{ added: number }>('/api/duty/trainings', { ...body, deputyIds: [a.id, b.id] })).body).toEqual(
      {
        attendees: 2,
        added: 1,
      },
    );
    const rec = await c.get<{ counts: { kind: string; count: number; hours: number }[] }>(
      `/api/duty/record?deputyId=${a.id}&year=${Y}`,
    );
    expect(rec.body.counts).toEqual([{ kind: 'training', count: 1, hours: 6 }]);
    expect((await (await as('streetOfficerA')).post('/api/duty/trainings', body)).status).toBe(403);
    const bad = await c.post<{ error: { fields: { path: string }[] } }>('/api/duty/trainings', { ...body, hours: 0 });
    expect(bad.body.error.fields[0]!.path).toBe('body.hours');
  });
});
