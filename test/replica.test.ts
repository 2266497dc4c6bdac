import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../src/contracts/statistics.js';
import { connect, migrateToLatest } from '../src/server/db/database.js';
import { ensureDatabase } from '../src/server/db/embedded.js';
import { catchUp } from '../src/server/modules/statistics/rollup.js';
import { addDays, chinaToday } from '../src/server/platform/calendar/dates.js';
import { openPlatform } from '../src/server/runtime.js';
import { DEMO_PASSWORD, seedDemo } from '../src/server/seed/demo.js';
import { testConfig } from './support/db.js';
import { createApp, TestClient } from './support/http.js';
import { startReplicaPair, type ReplicaPair } from './support/replica.js';

// The statistics read from a streaming replica when LIAISON_READ_DATABASE_URL is set; everything
// else (sign-in, every write) stays on the primary.
let pair: ReplicaPair;
let platform: ReturnType<typeof openPlatform>;
let app: Awaited<ReturnType<typeof createApp>>;

beforeAll(async () => {
  pair = await startReplicaPair();
  await ensureDatabase(pair.primary.url('postgres'), 'liaison');
  await migrateToLatest(pair.primary.url('liaison'));
  platform = openPlatform(
    testConfig({ DATABASE_URL: pair.primary.url('liaison'), LIAISON_READ_DATABASE_URL: pair.replicaUrl('liaison') }),
    { appUrl: pair.primary.url('liaison') },
  );
  await seedDemo(platform);
  await catchUp(platform.db);
  app = await createApp(platform);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await platform?.close();
  await pair?.stop();
}, 60_000);

describe('a read replica', () => {
  it('serves the dashboard, trailing the primary by its lag; sign-in and writes stay on the primary', async () => {
    const district = new TestClient(app);
    expect((await district.login('district', DEMO_PASSWORD)).status).toBe(200);
    const scopeName = async () => {
      const r = await district.request<Dashboard>('GET', '/api/statistics/dashboard');
      expect(r.status).toBe(200);
      return r.body.scope.name;
    };
    // The replica has caught up with the demo district.
    await expect.poll(scopeName, { timeout: 30_000 }).toMatch(/\S/);
    const before = await scopeName();
    const orgId = (await district.request<Dashboard>('GET', '/api/statistics/dashboard')).body.scope.orgId;

    // The replica stops applying changes: a change on the primary is not seen by the dashboard…
    await pair.pauseReplay();
    await platform.db
      .updateTable('organization')
      .set({ name: `${before}（改名）` })
      .where('id', '=', orgId)
      .execute();
    expect(await scopeName()).toBe(before);
    // …while a sign-in (a write of a session) works, on the primary.
    expect((await new TestClient(app).login('xinqi.officer', DEMO_PASSWORD)).status).toBe(200);

    // Replay again: the dashboard catches up.
    await pair.resumeReplay();
    await expect.poll(scopeName, { timeout: 30_000 }).toBe(`${before}（改名）`);
  });

  it('the ledger of a period is read from the replica too; its export is audited on the primary', async () => {
    const officer = new TestClient(app);
    expect((await officer.login('xinqi.officer', DEMO_PASSWORD)).status).toBe(200);
    const station = await platform.db
      .selectFrom('organization')
      .select('id')
      .where('name', '=', '新碶街道人大代表联络站')
      .executeTakeFirstOrThrow();
    // Today and tomorrow: the opinion registered below is in the period even if midnight in China
    // comes between this reading and the registration.
    const today = chinaToday();
    const to = addDays(today, 1);
    // How many rows the export had, as its audit record says (the file itself is an .xlsx).
    const exported = async () => {
      const r = await officer.request('GET', `/api/opinions/ledger?orgId=${station.id}&from=${today}&to=${to}`);
      expect(r.status).toBe(200);
      const last = await platform.db
        .selectFrom('audit_log')
        .select('summary')
        .where('action', '=', 'opinion.ledgerExport')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      return (last.summary as { rows: number }).rows;
    };
    await expect.poll(exported, { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
    const before = await exported();

    await pair.pauseReplay();
    const registered = await officer.request('POST', '/api/opinions', {
      orgId: station.id,
      channel: 'phone',
      content: '小区门口的路灯坏了一个月，晚上出行不便。',
      constituent: { anonymous: true },
    });
    expect(registered.status).toBe(201);
    expect(await exported()).toBe(before);
    await pair.resumeReplay();
    await expect.poll(exported, { timeout: 30_000 }).toBe(before + 1);
  });

  it('refuses writes on the replica itself (it is a standby)', async () => {
    const replica = connect(pair.replicaUrl('liaison'), 1);
    try {
      await expect(
        replica.updateTable('organization').set({ name: 'x' }).where('id', '=', -1).execute(),
      ).rejects.toThrow(/read-only transaction/);
    } finally {
      await replica.destroy();
    }
  });
});
