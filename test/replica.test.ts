import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard } from '../src/contracts/statistics.js';
import { connect, migrateToLatest } from '../src/server/db/database.js';
import { ensureDatabase } from '../src/server/db/embedded.js';
import { catchUp } from '../src/server/modules/statistics/rollup.js';
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
