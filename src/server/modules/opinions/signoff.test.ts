import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpinionView, SignOffView } from '../../../contracts/opinions.js';
import type { InboxItem } from '../../../contracts/notify.js';
import { createTestPlatform } from '../../../../test/support/db.js';
import { createDistrict, createOpinion, createUser, PASSWORD } from '../../../../test/support/factories.js';
import { upload } from '../../../../test/support/files.js';
import { createApp, signedIn } from '../../../../test/support/http.js';
import { expandPending } from '../../platform/notify/delivery.js';

// 签字交办: the street office head signs assignments off in the system (issue 17, item 3).
let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;
let d: Awaited<ReturnType<typeof createDistrict>>;
let headA: { id: number; username: string };
const as = signedIn(
  () => app,
  () => ({ ...d.users, headA }),
  PASSWORD,
);

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
  d = await createDistrict(t.platform);
  headA = await createUser(t.platform, d.orgs.streetA, 'streetHead');
});
afterAll(async () => {
  await app.close();
  await t.close();
});

const request = (over: Record<string, unknown> = {}) => ({
  action: 'assign',
  leadUnitId: d.orgs.officeA.id,
  deadlineDays: 10,
  ...over,
});

describe('the head’s sign-off', () => {
  it('an officer asks, the head is told and finds it in the queue, signs it off; the time limit runs from then', async () => {
    const o = await createOpinion(t.platform, d, 'triaged');
    const officer = await as('streetOfficerA');
    const asked = await officer.post<OpinionView>(
      `/api/opinions/${o.id}/sign-off-requests`,
      request({ note: '请尽快' }),
    );
    expect(asked.status).toBe(201);
    expect(asked.body.state).toBe('triaged');
    expect(asked.body.pendingSignOff).toMatchObject({ leadUnitName: d.orgs.officeA.name, state: 'pending' });

    // Asked twice: one waits.
    expect((await officer.post(`/api/opinions/${o.id}/sign-off-requests`, request())).status).toBe(409);

    // The head gets an in-app message that opens the opinion.
    await expandPending(t.platform);
    const head = await as('headA');
    const inbox = await head.get<{ items: InboxItem[] }>('/api/notify/inbox');
    const msg = inbox.body.items.find((m) => m.type === 'opinion.signOffRequested');
    expect(msg?.link).toBe(`/opinions/${o.id}`);

    expect((await head.get<{ signOffs: number }>('/api/opinions/todo')).body.signOffs).toBe(1);
    const queue = await head.get<{ items: SignOffView[] }>('/api/opinions/sign-offs');
    const item = queue.body.items.find((s) => s.opinionId === o.id)!;
    expect(item).toMatchObject({
      state: 'pending',
      deadlineDays: 10,
      note: '请尽快',
      requestedByName: expect.any(String),
    });

    // Someone without the sign-off capacity cannot decide it, nor see the queue.
    expect((await officer.post(`/api/opinions/sign-offs/${item.id}/decision`, { approve: true })).status).toBe(403);
    expect((await officer.get('/api/opinions/sign-offs')).status).toBe(403);

    expect((await head.post(`/api/opinions/sign-offs/${item.id}/decision`, { approve: true })).status).toBe(200);
    const after = await officer.get<OpinionView>(`/api/opinions/${o.id}`);
    expect(after.body.state).toBe('assigned');
    expect(after.body.pendingSignOff).toBeNull();
    const a = after.body.assignments.find((x) => x.isLead)!;
    expect(a).toMatchObject({ unitId: d.orgs.officeA.id, signOffKind: 'online', signOffFileId: null });
    expect(a.signedBy).toContain('测试'); // the head's own name
    expect(Date.now() - new Date(a.signedAt).getTime()).toBeLessThan(60_000);
    // Decided once.
    expect((await head.post(`/api/opinions/sign-offs/${item.id}/decision`, { approve: true })).status).toBe(409);
    const audit = await t.platform.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_type', '=', 'opinion')
      .where('subject_id', '=', String(o.id))
      .execute();
    expect(audit.map((r) => r.action)).toEqual(
      expect.arrayContaining(['opinion.signOffRequest', 'opinion.signOffDecide', 'opinion.assign']),
    );
  });

  it('a head sends it back with the reason (needed), and the officer is told; the opinion stays where it was', async () => {
    const o = await createOpinion(t.platform, d, 'triaged');
    const officer = await as('streetOfficerA');
    await officer.post(`/api/opinions/${o.id}/sign-off-requests`, request());
    const head = await as('headA');
    const item = (await head.get<{ items: SignOffView[] }>('/api/opinions/sign-offs')).body.items.find(
      (s) => s.opinionId === o.id,
    )!;
    const bare = await head.post<{ error: { fields: { path: string; message: string }[] } }>(
      `/api/opinions/sign-offs/${item.id}/decision`,
      { approve: false },
    );
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain('note');
    expect(
      (await head.post(`/api/opinions/sign-offs/${item.id}/decision`, { approve: false, note: '应交区住建局' })).status,
    ).toBe(200);
    const after = await officer.get<OpinionView>(`/api/opinions/${o.id}`);
    expect(after.body.state).toBe('triaged');
    expect(after.body.pendingSignOff).toBeNull();
    await expandPending(t.platform);
    const inbox = await officer.get<{ items: InboxItem[] }>('/api/notify/inbox');
    const msg = inbox.body.items.find((m) => m.type === 'opinion.signOffDeclined' && m.link === `/opinions/${o.id}`);
    expect(msg?.body).toContain('应交区住建局');
    const declined = await head.get<{ items: SignOffView[] }>('/api/opinions/sign-offs?state=declined');
    expect(declined.body.items.find((s) => s.id === item.id)).toMatchObject({ decisionNote: '应交区住建局' });
  });

  it('the head assigns directly, signed in their name; an officer needs a paper sign-off (the scan attached to the opinion)', async () => {
    const head = await as('headA');
    const o1 = await createOpinion(t.platform, d, 'triaged');
    const self = await head.post<OpinionView>(`/api/opinions/${o1.id}/actions`, {
      action: 'assign',
      leadUnitId: d.orgs.officeA.id,
    });
    expect(self.status).toBe(200);
    expect(self.body.assignments[0]).toMatchObject({ signOffKind: 'self' });

    const officer = await as('streetOfficerA');
    const o2 = await createOpinion(t.platform, d, 'triaged');
    const unsigned = await officer.post(`/api/opinions/${o2.id}/actions`, {
      action: 'assign',
      leadUnitId: d.orgs.officeA.id,
    });
    expect(unsigned.status).toBe(400);
    expect(JSON.stringify(unsigned.body)).toContain('body.signedBy');

    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#eee' } })
      .png()
      .toBuffer();
    const scan = await upload(officer, 'POST', `/api/opinions/${o2.id}/files`, png, 'signoff.png', 'image/png');
    expect(scan.status).toBe(201);
    const fileId = (scan.body as { id: number }).id;
    // A scan of another opinion is refused.
    const o3 = await createOpinion(t.platform, d, 'triaged');
    const wrong = await officer.post(`/api/opinions/${o3.id}/actions`, {
      action: 'assign',
      leadUnitId: d.orgs.officeA.id,
      signedBy: '林主任',
      signOffFileId: fileId,
    });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('body.signOffFileId');
    const paper = await officer.post<OpinionView>(`/api/opinions/${o2.id}/actions`, {
      action: 'assign',
      leadUnitId: d.orgs.officeA.id,
      signedBy: '林主任',
      signOffFileId: fileId,
    });
    expect(paper.status).toBe(200);
    expect(paper.body.assignments[0]).toMatchObject({
      signOffKind: 'paper',
      signedBy: '林主任',
      signOffFileId: fileId,
    });
  });

  it('a paper sign-off entered meanwhile withdraws the waiting request; another street’s head sees nothing', async () => {
    const o = await createOpinion(t.platform, d, 'triaged');
    const officer = await as('streetOfficerA');
    await officer.post(`/api/opinions/${o.id}/sign-off-requests`, request());
    const headB = await createUser(t.platform, d.orgs.streetB, 'streetHead');
    const other = await signedIn(
      () => app,
      () => ({ headB }),
      PASSWORD,
    )('headB');
    expect(
      (await other.get<{ items: SignOffView[] }>('/api/opinions/sign-offs')).body.items.some(
        (s) => s.opinionId === o.id,
      ),
    ).toBe(false);
    await officer.post(`/api/opinions/${o.id}/actions`, {
      action: 'assign',
      leadUnitId: d.orgs.officeA.id,
      signedBy: '林主任',
    });
    const head = await as('headA');
    expect(
      (await head.get<{ items: SignOffView[] }>('/api/opinions/sign-offs')).body.items.some(
        (s) => s.opinionId === o.id,
      ),
    ).toBe(false);
    // Bad input names the field.
    const bad = await officer.post(`/api/opinions/${o.id}/sign-off-requests`, { action: 'assign', leadUnitId: 'x' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('leadUnitId');
  });
});
