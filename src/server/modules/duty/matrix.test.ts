import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import {
  createDeputy,
  createDistrict,
  createStation,
  createUser,
  PASSWORD,
} from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { chinaTodayWithTime } from '../../../../test/support/china-day.js';
import { chinaToday, yearOf } from '../../platform/calendar/dates.js';

/**
 * The permission matrix written out by hand: every person × what they may do with the record of a
 * deputy of street A's station (200/201), may not (403), or may not even see (404). A refusal
 * changes nothing.
 */
let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let users: Record<string, { id: number; username: string }>;
let me: { id: number };
// The whole file works in one China day and year: started within two minutes of midnight, it first
// waits for the next day (the year read here, the days the tests write and the server's own year agree).
const Y = yearOf(await chinaTodayWithTime(120_000));
const as = signedIn(
  () => app,
  () => users,
  PASSWORD,
);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  await createStation(t.platform, d, { org: d.orgs.stationA, members: 0 });
  await createStation(t.platform, d, { org: d.orgs.stationB, members: 0, parent: d.orgs.streetB });
  const otherDeputy = await createUser(t.platform, d.orgs.stationB, 'deputy');
  users = { ...d.users, otherDeputy };
  me = await createDeputy(t.platform, d, { station: d.orgs.stationA, user: d.users.deputyA });
  await createDeputy(t.platform, d, { org: d.orgs.streetB, station: d.orgs.stationB, user: otherDeputy });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

type Who =
  | 'districtOfficer'
  | 'streetOfficerA'
  | 'streetOfficerB'
  | 'stationHeadA'
  | 'liaisonOfficerA'
  | 'liaisonOfficerB'
  | 'deputyA'
  | 'otherDeputy'
  | 'unitStaffA'
  | 'admin';
const everyone: Who[] = [
  'districtOfficer',
  'streetOfficerA',
  'streetOfficerB',
  'stationHeadA',
  'liaisonOfficerA',
  'liaisonOfficerB',
  'deputyA',
  'otherDeputy',
  'unitStaffA',
  'admin',
];

const matrix: Record<string, Record<Who, number>> = {
  readRecord: {
    districtOfficer: 200,
    streetOfficerA: 200,
    streetOfficerB: 404,
    stationHeadA: 200,
    liaisonOfficerA: 200,
    liaisonOfficerB: 404,
    deputyA: 200,
    otherDeputy: 404,
    unitStaffA: 404,
    admin: 404,
  },
  checkEntry: {
    districtOfficer: 200,
    streetOfficerA: 200,
    streetOfficerB: 404,
    stationHeadA: 200,
    liaisonOfficerA: 200,
    liaisonOfficerB: 404,
    deputyA: 403,
    otherDeputy: 404,
    unitStaffA: 404,
    admin: 404,
  },
  disputeEntry: {
    districtOfficer: 403,
    streetOfficerA: 403,
    streetOfficerB: 404,
    stationHeadA: 403,
    liaisonOfficerA: 403,
    liaisonOfficerB: 404,
    deputyA: 200,
    otherDeputy: 404,
    unitStaffA: 404,
    admin: 404,
  },
  saveRules: {
    districtOfficer: 201,
    streetOfficerA: 403,
    streetOfficerB: 403,
    stationHeadA: 403,
    liaisonOfficerA: 403,
    liaisonOfficerB: 403,
    deputyA: 403,
    otherDeputy: 403,
    unitStaffA: 403,
    admin: 403,
  },
  pushBulletin: {
    districtOfficer: 201,
    streetOfficerA: 403,
    streetOfficerB: 403,
    stationHeadA: 403,
    liaisonOfficerA: 403,
    liaisonOfficerB: 403,
    deputyA: 403,
    otherDeputy: 403,
    unitStaffA: 403,
    admin: 403,
  },
};

/** A fresh hand entry of the deputy, waiting for its check (entered by the deputy themselves). */
async function pendingEntry(n: string) {
  const r = await (
    await as('deputyA')
  ).post<{ activity: { id: number } }>('/api/duty/activities', {
    kind: 'research',
    day: chinaToday(),
    title: `调研 ${n}`,
  });
  expect(r.status).toBe(201);
  return r.body.activity.id;
}

const stateOf = async (id: number) =>
  (await t.platform.db.selectFrom('duty_activity').select('state').where('id', '=', id).executeTakeFirstOrThrow())
    .state;

describe('the duty record: who may do what', () => {
  for (const who of everyone) {
    it(`${who}`, async () => {
      const c = await as(who);
      expect((await c.get(`/api/duty/record?deputyId=${me.id}&year=${Y}`)).status, 'readRecord').toBe(
        matrix.readRecord![who],
      );

      const toCheck = await pendingEntry(`${who}-check`);
      const check = await c.post(`/api/duty/activities/${toCheck}/check`, { outcome: 'confirm' });
      expect(check.status, 'checkEntry').toBe(matrix.checkEntry![who]);
      expect(await stateOf(toCheck)).toBe(check.status === 200 ? 'confirmed' : 'pending');

      const toDispute = await pendingEntry(`${who}-dispute`);
      const dispute = await c.post(`/api/duty/activities/${toDispute}/dispute`, { reason: '日期有误' });
      expect(dispute.status, 'disputeEntry').toBe(matrix.disputeEntry![who]);
      expect(await stateOf(toDispute)).toBe(dispute.status === 200 ? 'disputed' : 'pending');

      const rules = await c.post('/api/duty/rules', {
        fromYear: Y + 1,
        rules: { base: 60, perKind: {}, bands: [{ label: '合格', min: null }] },
      });
      expect(rules.status, 'saveRules').toBe(matrix.saveRules![who]);

      const bulletin = await c.post('/api/duty/bulletins', { issuer: 'court', title: `通报 ${who}`, body: '内容' });
      expect(bulletin.status, 'pushBulletin').toBe(matrix.pushBulletin![who]);
      const pushed = await t.platform.db
        .selectFrom('duty_bulletin')
        .select('id')
        .where('title', '=', `通报 ${who}`)
        .execute();
      expect(pushed).toHaveLength(bulletin.status === 201 ? 1 : 0);

      // Standings never list a deputy the person may not read.
      const standings = await c.get<{ rows: { deputyId: number }[] }>(`/api/duty/standings?year=${Y}`);
      expect(standings.status).toBe(200);
      const listed = standings.body.rows.some((r) => r.deputyId === me.id);
      expect(listed, 'standings').toBe(matrix.readRecord![who] === 200 && who !== 'deputyA');
    });
  }
});
