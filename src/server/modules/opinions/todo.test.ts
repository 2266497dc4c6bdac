import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpinionSummary } from '../../../contracts/opinions.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createOpinion, PASSWORD } from '../../../../test/support/factories.js';
import { createApp, signedIn } from '../../../../test/support/http.js';

// To-do that means it (issue 17, item 6): a first dissatisfied rating is an officer's to review,
// not anybody's to close.
let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
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

async function queue(who: 'streetOfficerA' | 'liaisonOfficerA', todo: string) {
  const c = await as(who);
  const counts = (await c.get<{ queues: { queue: string; count: number }[] }>('/api/opinions/todo')).body.queues;
  const list = await c.get<{ items: OpinionSummary[] }>(`/api/opinions?todo=${todo}&limit=100`);
  return { count: counts.find((q) => q.queue === todo)!.count, ids: list.body.items.map((o) => o.id) };
}

describe('to-do queues', () => {
  it('a dissatisfied rating waits for review by an officer; a satisfied one is to close', async () => {
    const happy = await createOpinion(t.platform, d, 'rated', { rating: 'satisfied' });
    const unhappy = await createOpinion(t.platform, d, 'rated', { rating: 'dissatisfied' });

    const toClose = await queue('liaisonOfficerA', 'toClose');
    expect(toClose.ids).toContain(happy.id);
    expect(toClose.ids).not.toContain(unhappy.id);
    expect(toClose.count).toBe(toClose.ids.length);

    const toReview = await queue('streetOfficerA', 'toReview');
    expect(toReview.ids).toEqual([unhappy.id]);
    expect(toReview.count).toBe(1);
    // Not a station's queue: it cannot reassign.
    expect((await queue('liaisonOfficerA', 'toReview')).count).toBe(0);

    // Reviewed (reassigned), handled again and rated dissatisfied a second time: now it may close.
    const officer = await as('streetOfficerA');
    const reassigned = await officer.post(`/api/opinions/${unhappy.id}/actions`, {
      action: 'reassign',
      leadUnitId: d.orgs.officeA.id,
      signedBy: '林主任',
    });
    expect(reassigned.status).toBe(200);
    expect((await queue('streetOfficerA', 'toReview')).ids).toEqual([]);
  });
});

describe('late and nearly late', () => {
  it('the home page counts what is overdue and what falls due within 3 days, and the list filters them', async () => {
    const late = await createOpinion(t.platform, d, 'inProgress');
    const soon = await createOpinion(t.platform, d, 'assigned');
    const later = await createOpinion(t.platform, d, 'assigned');
    const db = t.platform.db;
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    const inDays = (n: number) => {
      const x = new Date(`${today}T00:00:00Z`);
      x.setUTCDate(x.getUTCDate() + n);
      return x.toISOString().slice(0, 10);
    };
    await db
      .updateTable('opinion')
      .set({ overdue: true, deadline: inDays(-2) })
      .where('id', '=', late.id)
      .execute();
    await db
      .updateTable('opinion')
      .set({ deadline: inDays(2) })
      .where('id', '=', soon.id)
      .execute();
    await db
      .updateTable('opinion')
      .set({ deadline: inDays(20) })
      .where('id', '=', later.id)
      .execute();
    const officer = await as('streetOfficerA');
    const counts = (await officer.get<{ overdue: number; dueSoon: number; signOffs: number }>('/api/opinions/todo'))
      .body;
    const dueSoon = await officer.get<{ items: OpinionSummary[] }>('/api/opinions?dueSoon=true&limit=100');
    expect(dueSoon.body.items.map((o) => o.id)).toContain(soon.id);
    expect(dueSoon.body.items.map((o) => o.id)).not.toContain(later.id);
    expect(dueSoon.body.items.map((o) => o.id)).not.toContain(late.id);
    expect(counts.dueSoon).toBe(dueSoon.body.items.length);
    const overdue = await officer.get<{ items: OpinionSummary[] }>('/api/opinions?overdue=true&limit=100');
    expect(overdue.body.items.map((o) => o.id)).toContain(late.id);
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts.signOffs).toBe(0); // not a head
  });
});
