import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actions, roles, type Action, type Role } from '../../contracts/roles.js';
import { createTestPlatform } from '../../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../../test/support/factories.js';
import { createApp, signedIn } from '../../../test/support/http.js';
import { grantsOf } from '../platform/access/policy.js';
import { modules } from './index.js';
import { dutyGrants } from './duty/policy.js';
import { projectGrants } from './projects/policy.js';
import { statisticsGrants } from './statistics/policy.js';
import { capacityActions, capacityOfRole, unitRole } from './opinions/policy.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
type Who = keyof Awaited<ReturnType<typeof createDistrict>>['users'];
const as = signedIn(
  () => app,
  () => d.users,
  PASSWORD,
);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

/**
 * The grants as they stood when every module's grants were still one central table: moving them
 * into the modules' policies changed nothing (every role, every action).
 */
const before: Record<Role, readonly Action[]> = {
  admin: [
    'calendar.manage',
    'calendar.read',
    'category.manage',
    'notify.manage',
    'notify.read',
    'open311.manage',
    'org.manage',
    'org.read',
    'region.manage',
    'user.create',
    'user.read',
    'user.resetPassword',
    'user.update',
  ],
  securityAdmin: ['calendar.read', 'org.read', 'role.grant', 'user.read', 'user.revokeSessions', 'user.unlock'],
  auditor: ['audit.read', 'calendar.read', 'org.read', 'user.read'],
  districtOfficer: officerGrants(),
  streetOfficer: officerGrants(),
  streetHead: [],
  stationHead: deskGrants(),
  liaisonOfficer: deskGrants(),
  deputy: [
    'calendar.read',
    'deputy.read',
    'opinion.read',
    'opinion.register',
    'org.read',
    'reception.read',
    'station.read',
  ],
  handlingUnitStaff: ['calendar.read', 'opinion.read', 'org.read'],
  consultant: ['calendar.read', 'opinion.read', 'opinion.register', 'org.read'],
};
function officerGrants(): Action[] {
  return [
    'calendar.read',
    'deputy.manage',
    'deputy.read',
    'deputy.revealContact',
    'informant.revealContact',
    'notify.manage',
    'notify.read',
    'opinion.ledger',
    'opinion.read',
    'opinion.register',
    'opinion.revealContact',
    'org.manage',
    'org.read',
    'reception.approve',
    'reception.manage',
    'reception.read',
    'station.manage',
    'station.read',
    'user.read',
  ];
}
function deskGrants(): Action[] {
  return [
    'calendar.read',
    'deputy.read',
    'opinion.ledger',
    'opinion.read',
    'opinion.register',
    'opinion.revealContact',
    'org.read',
    'reception.manage',
    'reception.read',
    'station.read',
  ];
}

describe('grants owned by the modules', () => {
  // Modules added since the central table are joined to it by their own grants (one line in modules/index.ts).
  const since: Partial<Record<Role, readonly Action[]>> = {
    districtOfficer: ['suggestion.read', 'suggestion.review'],
    deputy: ['suggestion.draft'],
    handlingUnitStaff: ['suggestion.handle'],
    // The street office head (issue 17): the desk's opinion work and the sign-off, and reads.
    streetHead: [
      'calendar.read',
      'deputy.read',
      'opinion.ledger',
      'opinion.read',
      'opinion.register',
      'opinion.revealContact',
      'opinion.signOff',
      'org.read',
      'station.read',
    ],
  };
  // The duty record, livelihood projects and statistics join their own grants.
  for (const grants of [dutyGrants, projectGrants, statisticsGrants])
    for (const [role, list] of Object.entries(grants) as [Role, readonly Action[]][])
      since[role] = [...(since[role] ?? []), ...list];
  it.each(roles.map((r) => [r]))('%s: the same actions as the central table had, plus the new modules’', (role) => {
    expect(grantsOf(role)).toEqual([...before[role], ...(since[role] ?? [])].sort());
  });

  it('every action is granted to someone, and every module that grants names only known actions', () => {
    const granted = new Set(roles.flatMap((r) => grantsOf(r)));
    expect(actions.filter((a) => !granted.has(a))).toEqual([]);
    for (const m of modules)
      for (const list of Object.values(m.grants ?? {})) for (const a of list) expect(actions).toContain(a);
  });

  it("the opinions module's grants are the capacities' actions, role by role", () => {
    for (const role of roles) {
      const capacity = capacityOfRole[role];
      const fromCapacities = capacity
        ? capacityActions[capacity as keyof typeof capacityActions]
        : role === unitRole
          ? [...capacityActions.leadUnit, ...capacityActions.coUnit]
          : [];
      // The street office head's sign-off (签字交办) is the one grant beyond the capacities.
      const beyond = role === 'streetHead' ? ['opinion.signOff'] : [];
      expect(grantsOf(role).filter((a) => a.startsWith('opinion.'))).toEqual(
        [...new Set([...fromCapacities, ...beyond])].sort(),
      );
    }
  });
});

/** Each person of the test district: their role, and the organisation it is held on. */
function held(who: Who): { role: Role; path: string } {
  const o = d.orgs;
  const table: Record<Who, [Role, { path: string }]> = {
    admin: ['admin', o.root],
    securityAdmin: ['securityAdmin', o.root],
    auditor: ['auditor', o.root],
    districtOfficer: ['districtOfficer', o.root],
    streetOfficerA: ['streetOfficer', o.streetA],
    streetOfficerB: ['streetOfficer', o.streetB],
    stationHeadA: ['stationHead', o.stationA],
    liaisonOfficerA: ['liaisonOfficer', o.stationA],
    deputyA: ['deputy', o.stationA],
    unitStaffA: ['handlingUnitStaff', o.officeA],
    consultantA: ['consultant', o.officeA],
    liaisonOfficerB: ['liaisonOfficer', o.stationB],
  };
  return { role: table[who][0], path: table[who][1].path };
}

describe('the abilities the console receives are what the server enforces', () => {
  const people = (): Who[] => Object.keys(d.users) as Who[];

  it('the session sends each person exactly the actions of their roles', async () => {
    for (const who of people()) {
      const session = await (await as(who)).get<{ me: { abilities: Action[] } }>('/api/auth/session');
      expect(session.status).toBe(200);
      expect(session.body.me.abilities, who).toEqual(grantsOf(held(who).role));
    }
  });

  // Over the station where the opinion is raised: whoever is offered registering there may, and
  // whoever is not is refused; reading, the contact and the ledger likewise.
  it('registering, reading, the contact and the ledger at a station: offered ⇔ allowed, for every person', async () => {
    const first = await (
      await as('liaisonOfficerA')
    ).post<{ id: number }>('/api/opinions', {
      orgId: d.orgs.stationA.id,
      channel: 'reception',
      content: '小区门口的路灯坏了，晚上出行不便，希望尽快修好。',
      constituent: { anonymous: false, name: '王秀英', phone: '13812345678' },
    });
    expect(first.status).toBe(201);
    const stationA = d.orgs.stationA.path;
    for (const who of people()) {
      const c = await as(who);
      const session = (await c.get<{ me: { abilities: Action[] } }>('/api/auth/session')).body.me.abilities;
      const covers = held(who).path;
      const holdsStationA = stationA === covers || stationA.startsWith(`${covers}.`);
      const offered = (a: Action) => session.includes(a) && holdsStationA;

      const reg = await c.post('/api/opinions', {
        orgId: d.orgs.stationA.id,
        channel: 'reception',
        content: `${who} 登记：小区楼道灯不亮，请物业维修。`,
        constituent: { anonymous: true },
      });
      if (offered('opinion.register')) expect([reg.status, who]).toEqual([201, who]);
      else expect([403, 404], who).toContain(reg.status);

      const read = await c.get(`/api/opinions/${first.body.id}`);
      expect([read.status, who]).toEqual([offered('opinion.read') ? 200 : 404, who]);

      const reveal = await c.post(`/api/opinions/${first.body.id}/reveal`, {});
      if (offered('opinion.revealContact')) expect([reveal.status, who]).toEqual([200, who]);
      else expect([403, 404], who).toContain(reveal.status);

      const ledger = await c.get(`/api/opinions/ledger?orgId=${d.orgs.stationA.id}&from=2026-01-01&to=2026-12-31`);
      if (offered('opinion.ledger')) expect([ledger.status, who]).toEqual([200, who]);
      else expect([403, 404], who).toContain(ledger.status);
    }
  });
});
