import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationView } from '../../contracts/stations.js';
import { createTestPlatform } from '../../../test/support/db.js';
import { TestClient, createApp } from '../../../test/support/http.js';
import { DEMO_PASSWORD, seedDemo } from './demo.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestPlatform();
  app = await createApp(t.platform);
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('demo district', () => {
  it('loads once, every account signs in, and the composition check shows which stations fall short', async () => {
    const accounts = await seedDemo(t.platform);
    expect(accounts.length).toBeGreaterThanOrEqual(10);
    expect(await seedDemo(t.platform)).toEqual([]);
    for (const a of accounts) {
      expect((await new TestClient(app).login(a.username, DEMO_PASSWORD)).status, a.username).toBe(200);
    }
    const district = new TestClient(app);
    await district.login('district', DEMO_PASSWORD);
    const all = (await district.get<{ items: StationView[] }>('/api/stations')).body.items;
    expect(all).toHaveLength(11);
    const xinqi = all.find((s) => s.name.startsWith('新碶'))!;
    expect(xinqi.problems).toEqual([]);
    expect(xinqi.members.find((m) => m.isHead)?.name).toBe('吴代表');
    const flagged = (await district.get<{ items: StationView[] }>('/api/stations?withProblems=true')).body.items;
    expect(flagged.map((s) => s.id)).not.toContain(xinqi.id);
    expect(flagged).toHaveLength(10);
  });
});
