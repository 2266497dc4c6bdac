import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpinionActionName } from '../../../contracts/opinions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createUser, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';

/**
 * The permission and scoping matrix of every step, written out by hand (not derived from the
 * workflow table it checks): for each step, who may take it (200), who sees the opinion but may
 * not (403), and who does not see it at all (404).
 */
let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let bureau: { username: string };
let category: number;
let deputy: number;

const people = ['streetOfficerA', 'liaisonOfficerA', 'deputyA', 'unitStaffA', 'liaisonOfficerB', 'bureau'] as const;
type Person = (typeof people)[number];

const as = signedIn(
  () => app,
  () => ({ ...d.users, bureau }),
  PASSWORD,
);

// 200 = may, 403 = sees it but may not, 404 = does not see it.
// The unit (unitStaffA, staff of the street office) sees an opinion only once it is assigned to it;
// `bureau` is a unit never assigned here; liaisonOfficerB works in the other street.
const matrix: Record<OpinionActionName, Record<Person, 200 | 403 | 404>> = {
  triage: {
    streetOfficerA: 200,
    liaisonOfficerA: 200,
    deputyA: 403,
    unitStaffA: 404,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  answer: {
    streetOfficerA: 200,
    liaisonOfficerA: 200,
    deputyA: 200,
    unitStaffA: 404,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  merge: {
    streetOfficerA: 200,
    liaisonOfficerA: 200,
    deputyA: 403,
    unitStaffA: 404,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  reject: {
    streetOfficerA: 200,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 404,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  escalate: {
    streetOfficerA: 200,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 404,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  assign: {
    streetOfficerA: 200,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 404,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  accept: {
    streetOfficerA: 403,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 200,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  return: {
    streetOfficerA: 403,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 200,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  requestExtension: {
    streetOfficerA: 403,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 200,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  decideExtension: {
    streetOfficerA: 200,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 403,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  supervise: {
    streetOfficerA: 200,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 403,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  respond: {
    streetOfficerA: 403,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 200,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  feedback: {
    streetOfficerA: 200,
    liaisonOfficerA: 200,
    deputyA: 200,
    unitStaffA: 403,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  rate: { streetOfficerA: 200, liaisonOfficerA: 200, deputyA: 403, unitStaffA: 403, liaisonOfficerB: 404, bureau: 404 },
  reassign: {
    streetOfficerA: 200,
    liaisonOfficerA: 403,
    deputyA: 403,
    unitStaffA: 403,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  close: {
    streetOfficerA: 200,
    liaisonOfficerA: 200,
    deputyA: 403,
    unitStaffA: 403,
    liaisonOfficerB: 404,
    bureau: 404,
  },
  linkSuggestion: {
    streetOfficerA: 200,
    liaisonOfficerA: 403,
    deputyA: 200,
    unitStaffA: 404,
    liaisonOfficerB: 404,
    bureau: 404,
  },
};

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  bureau = await createUser(t.platform, d.orgs.root, 'handlingUnitStaff', {
    roleOrg: d.orgs.streetB,
  });
  category = (
    await t.platform.db
      .selectFrom('opinion_category')
      .select('id')
      .where('code', '=', 'urban.roads')
      .executeTakeFirstOrThrow()
  ).id;
  deputy = (
    await t.platform.db
      .insertInto('deputy')
      .values({ org_id: d.orgs.streetA.id, name: '矩阵代表', name_initials: '', name_sort: '', election: 'direct' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await app.close();
  await t.close();
});

async function step(who: Person, id: number, body: Record<string, unknown>) {
  return (await as(who)).post<{ error?: { code: string } }>(`/api/opinions/${id}/actions`, body);
}

const assign = { action: 'assign', leadUnitId: 0, signedBy: '主任' };

/** A fresh opinion brought by the natural path to where `action` can be taken. */
async function prepared(action: OpinionActionName): Promise<number> {
  const reg = await (
    await as('liaisonOfficerA')
  ).post<{ id: number }>('/api/opinions', {
    orgId: d.orgs.stationA.id,
    channel: 'visit',
    content: '道路破损',
    constituent: { anonymous: false, name: '钱先生', phone: '13700000001' },
  });
  const id = reg.body.id;
  const go = async (who: Person, body: Record<string, unknown>) => {
    const r = await step(who, id, body);
    if (r.status !== 200) throw new Error(`preparing ${action}: ${JSON.stringify(body)} → ${r.status}`);
  };
  const tier = action === 'escalate' || action === 'linkSuggestion' ? 'district' : 'street';
  if (['triage', 'answer', 'merge', 'reject'].includes(action)) return id;
  await go('streetOfficerA', { action: 'triage', categoryId: category, tier });
  if (action === 'escalate' || action === 'assign') return id;
  if (action === 'linkSuggestion') {
    await go('streetOfficerA', { action: 'escalate', deputyIds: [deputy] });
    return id;
  }
  await go('streetOfficerA', { ...assign, leadUnitId: d.orgs.officeA.id });
  if (['accept', 'return', 'supervise'].includes(action)) return id;
  await go('unitStaffA', { action: 'accept' });
  if (action === 'requestExtension' || action === 'respond') return id;
  if (action === 'decideExtension') {
    await go('unitStaffA', { action: 'requestExtension', days: 3, reason: '协调' });
    return id;
  }
  await go('unitStaffA', { action: 'respond', response: '已修复', resultType: 'solved' });
  if (action === 'feedback') return id;
  await go('liaisonOfficerA', { action: 'feedback', channel: 'phone', content: '已告知' });
  if (action === 'rate') return id;
  await go('liaisonOfficerA', { action: 'rate', level: action === 'reassign' ? 'dissatisfied' : 'satisfied' });
  return id;
}

function body(action: OpinionActionName, target: number): Record<string, unknown> {
  const bodies: Record<OpinionActionName, Record<string, unknown>> = {
    triage: { categoryId: category, tier: 'street' },
    answer: { answer: '当场答复' },
    merge: { targetId: target },
    reject: { reason: '恶意重复' },
    escalate: { deputyIds: [deputy] },
    assign: { leadUnitId: d.orgs.officeA.id, signedBy: '主任' },
    accept: {},
    return: { reason: '不属本单位' },
    requestExtension: { days: 3, reason: '协调' },
    decideExtension: { approve: true },
    supervise: { level: 'reminder', note: '请加快' },
    respond: { response: '已修复', resultType: 'solved' },
    feedback: { channel: 'phone', content: '已告知' },
    rate: { level: 'satisfied' },
    reassign: { leadUnitId: d.orgs.officeA.id, signedBy: '主任' },
    close: {},
    linkSuggestion: { suggestionRef: 'JY-1' },
  };
  return { action, ...bodies[action] };
}

/** Every cell of the matrix as one row, named `assign by unitStaffA → 404`. */
const cells = (Object.keys(matrix) as OpinionActionName[]).flatMap((action) =>
  people.map((who) => ({ action, who, status: matrix[action][who] })),
);
const rows = (keep: (c: (typeof cells)[number]) => boolean) =>
  cells.filter(keep).map((c) => [`${c.action} by ${c.who} → ${c.status}`, c] as const);

const eventCount = async (id: number) =>
  (await t.platform.db.selectFrom('opinion_event').select('id').where('opinion_id', '=', id).execute()).length;

describe('who may take each step', () => {
  let target: number;
  // Everyone who may not take a step tries it on one opinion brought there (a refusal leaves it
  // where it was); each who may gets an opinion of their own.
  const refusedOn = new Map<OpinionActionName, Promise<number>>();
  const shared = (action: OpinionActionName) => {
    if (!refusedOn.has(action)) refusedOn.set(action, prepared(action));
    return refusedOn.get(action)!;
  };
  beforeAll(async () => {
    target = await prepared('triage');
  });

  it('has a row for every step and every person', () => {
    expect(cells).toHaveLength(Object.keys(matrix).length * people.length);
  });

  it.each(rows((c) => c.status !== 200))('%s, changing nothing', async (_, c) => {
    const id = await shared(c.action);
    const before = await eventCount(id);
    const r = await step(c.who, id, body(c.action, target));
    expect(r.status).toBe(c.status);
    expect(await eventCount(id)).toBe(before);
  });

  it.each(rows((c) => c.status === 200))('%s', async (_, c) => {
    const id = await prepared(c.action);
    const r = await step(c.who, id, body(c.action, target));
    expect(`${r.status} ${r.body.error?.code ?? ''}`.trim()).toBe('200');
  });
});
