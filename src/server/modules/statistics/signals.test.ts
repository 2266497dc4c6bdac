import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpinionAction } from '../../../contracts/opinions.js';
import type { Signals, SignalKind } from '../../../contracts/statistics.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  actorOf,
  contextOf,
  createDistrict,
  createOpinion,
  createStation,
  createUser,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { createApp, signedIn, TestClient } from '../../../../test/support/http.js';
import { chinaTodayWithTime } from '../../../../test/support/china-day.js';
import { addDays, chinaToday } from '../../platform/calendar/dates.js';
import { actOnOpinion } from '../opinions/steps.js';

// The whole file works in one China day and year: started within two minutes of midnight, it first
// waits for the next day (the year of the opinions made below and of the period asked for agree).
await chinaTodayWithTime(120_000);

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
const planted: Partial<Record<SignalKind | 'calm' | 'calmRedo' | 'unique', number>> = {};

const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);

async function step(who: string, id: number, body: Record<string, unknown>) {
  const actor = await actorOf(t.platform, users[who]!);
  await actOnOpinion(t.platform, contextOf(actor), actor, id, OpinionAction.parse(body));
}

/** Moves a lead assignment's assignment time back, as if the unit had taken days over it. */
async function tookDays(opinionId: number, days: number) {
  await sql`UPDATE opinion_assignment SET assigned_at = assigned_at - make_interval(days => ${days})
    WHERE opinion_id = ${opinionId}`.execute(t.platform.db);
}

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  const p = t.platform;
  await createStation(p, d, { org: d.orgs.stationA, members: 0 });
  const { id: otherId } = await p.db
    .insertInto('organization')
    .values({ name: `乙办事处${d.orgs.root.id}`, kind: 'streetOffice', parent_id: d.orgs.streetA.id, path: '0' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const otherPath = `${d.orgs.streetA.path}.${otherId}`;
  await p.db.updateTable('organization').set({ path: otherPath }).where('id', '=', otherId).execute();
  const otherStaff = await createUser(p, { id: otherId, path: otherPath, name: '乙办事处' }, 'handlingUnitStaff');
  users = { ...d.users, otherStaff };

  // Bouncing: returned by one unit, then by the other.
  const bouncing = await createOpinion(p, d, 'triaged');
  planted.bouncing = bouncing.id;
  await step('streetOfficerA', bouncing.id, { action: 'assign', leadUnitId: d.orgs.officeA.id, signedBy: '主任' });
  await step('unitStaffA', bouncing.id, { action: 'return', reason: '不属于本单位职责' });
  await step('streetOfficerA', bouncing.id, { action: 'assign', leadUnitId: otherId, signedBy: '主任' });
  await step('otherStaff', bouncing.id, { action: 'return', reason: '应由甲办事处办理' });

  // Too fast: answered "solved" the minute it was assigned (the factory does just that).
  planted.tooFast = (await createOpinion(p, d, 'responded', { content: '路口井盖缺失' })).id;
  // Calm: the same answer, but three days after the assignment.
  planted.calm = (await createOpinion(p, d, 'responded', { content: '公园长椅损坏' })).id;
  await tookDays(planted.calm, 3);
  // Boilerplate: the factory's unit answers "已修复路面" each time; one other answer is its own.
  planted.unique = (await createOpinion(p, d, 'responded', { content: '小区围墙倒塌' })).id;
  await sql`UPDATE opinion_assignment SET response = '已拆除危墙并重建' WHERE opinion_id = ${planted.unique}`.execute(
    p.db,
  );
  await tookDays(planted.unique, 3);

  // Dissatisfied, reassigned, the same answer again.
  const redo = await createOpinion(p, d, 'rated', { rating: 'dissatisfied', content: '道路反复开挖' });
  planted.dissatisfiedClosed = redo.id;
  await tookDays(redo.id, 5);
  await step('streetOfficerA', redo.id, { action: 'reassign', leadUnitId: d.orgs.officeA.id, signedBy: '主任' });
  await step('unitStaffA', redo.id, { action: 'accept' });
  await step('unitStaffA', redo.id, { action: 'respond', response: '已修复路面。', resultType: 'solved' });
  // Dissatisfied, reassigned, a new answer days later: no signal.
  const calmRedo = await createOpinion(p, d, 'rated', { rating: 'dissatisfied', content: '排水沟堵塞' });
  planted.calmRedo = calmRedo.id;
  await tookDays(calmRedo.id, 9);
  await step('streetOfficerA', calmRedo.id, { action: 'reassign', leadUnitId: d.orgs.officeA.id, signedBy: '主任' });
  await step('unitStaffA', calmRedo.id, { action: 'accept' });
  await step('unitStaffA', calmRedo.id, {
    action: 'respond',
    response: '已重新疏通排水沟并加装格栅',
    resultType: 'solved',
  });
  await sql`UPDATE opinion_assignment SET assigned_at = assigned_at - interval '4 days'
    WHERE opinion_id = ${calmRedo.id} AND round = 2`.execute(p.db);
});

afterAll(async () => {
  await app?.close();
  await t?.close();
});

const range = () => `from=${chinaToday().slice(0, 4)}-01-01&to=${addDays(chinaToday(), 1)}`;

async function items(kind: SignalKind) {
  const res = await (await as('districtOfficer')).get<Signals>(`/api/statistics/signals?${range()}`);
  expect(res.status).toBe(200);
  return res.body.items.filter((i) => i.kind === kind);
}

describe('warnings on planted cases', () => {
  it('returns bouncing between units, with the units in order', async () => {
    const found = await items('bouncing');
    expect(found.map((i) => i.opinionIds)).toEqual([[planted.bouncing]]);
    expect(found[0]!.evidence).toContain('退回 2 次');
    expect(found[0]!.evidence).toContain(`${d.orgs.officeA.name} → 乙办事处`);
  });

  it('answers "solved" implausibly fast, not the ones that took days', async () => {
    const ids = (await items('tooFast')).flatMap((i) => i.opinionIds);
    expect(ids).toContain(planted.tooFast);
    expect(ids).not.toContain(planted.calm);
    expect(ids).not.toContain(planted.unique);
    expect(ids).not.toContain(planted.calmRedo);
  });

  it('the same answer given to many opinions, but not an answer of its own', async () => {
    const found = await items('boilerplate');
    expect(found).toHaveLength(1);
    expect(found[0]!.opinionIds).toEqual(
      expect.arrayContaining([planted.tooFast, planted.calm, planted.dissatisfiedClosed]),
    );
    expect(found[0]!.opinionIds).not.toContain(planted.unique);
    expect(found[0]!.evidence).toContain('已修复路面');
  });

  it('a dissatisfied rating followed by the same answer again', async () => {
    const found = await items('dissatisfiedClosed');
    expect(found.map((i) => i.opinionIds)).toEqual([[planted.dissatisfiedClosed]]);
    expect(found[0]!.evidence).toContain('答复与上次相同');
  });

  it('only the committees see warnings; English evidence on request', async () => {
    const station = await (await as('liaisonOfficerA')).get(`/api/statistics/signals?${range()}`);
    expect(station.status).toBe(403);
    const unit = await (await as('unitStaffA')).get(`/api/statistics/signals?${range()}`);
    expect(unit.status).toBe(404);
    const street = await (await as('streetOfficerA')).get<Signals>(`/api/statistics/signals?${range()}`);
    expect(street.body.items.length).toBeGreaterThan(0);
    const english = new TestClient(app, { lang: 'en' });
    await english.login(users.districtOfficer!.username, PASSWORD);
    const en = await english.get<Signals>(`/api/statistics/signals?${range()}`);
    expect(en.body.items.find((i) => i.kind === 'bouncing')!.evidence).toContain('returned 2 times');
  });
});
