import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestPlatform, superQuery, type TestDatabase } from '../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../test/support/factories.js';
import { TestClient, createApp } from '../../test/support/http.js';
import { backup, restore } from './backup.js';
import { seedDemo } from './seed/demo.js';

let source: Awaited<ReturnType<typeof createTestPlatform>>;
let target: TestDatabase;
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-backup-')), 'db.backup');

beforeAll(async () => {
  source = await createTestPlatform();
  await seedDemo(source.platform);
  const d = await createDistrict(source.platform);
  // Text that COPY must escape: tabs, newlines, backslashes, quotes.
  await source.platform.db
    .updateTable('organization')
    .set({ name: '甲\t乙\\丙\n"丁"' })
    .where('id', '=', d.orgs.stationB.id)
    .execute();
  const app = await createApp(source.platform);
  await new TestClient(app).login(d.users.admin.username, PASSWORD);
  await app.close();
  target = await createTestDatabase({ empty: true });
});
afterAll(async () => {
  await source.close();
  await target.drop();
});

async function snapshot(url: string) {
  const tables = (
    await superQuery(url, `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)
  ).rows.map((r) => r.tablename as string);
  const out: Record<string, string> = {};
  for (const t of tables) {
    // The migration log records when each migration ran here: compare the names only.
    const expr = t === 'schema_migration' ? 'x.name' : t === 'schema_migration_lock' ? 'x.id' : 'x';
    const { rows } = await superQuery(
      url,
      `SELECT md5(coalesce(string_agg(${expr}::text, '|' ORDER BY ${expr}::text), '')) AS h, count(*) AS n FROM ${t} x`,
    );
    out[t] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}

describe('backup and restore', () => {
  it('a restore into an empty database gives back every row', async () => {
    const written = await backup(source.database.ownerUrl, file);
    expect(written.rows).toBeGreaterThan(20);
    const restored = await restore(target.ownerUrl, file);
    expect(restored.rows).toBe(written.rows);
    const a = await snapshot(source.database.ownerUrl);
    const b = await snapshot(target.ownerUrl);
    expect(b).toEqual(a);
  });

  it('new rows after a restore get fresh ids (sequences follow the data)', async () => {
    const { rows } = await superQuery(
      target.ownerUrl,
      `INSERT INTO organization (name, kind, path) VALUES ('新机构', 'other', '999999') RETURNING id, (SELECT max(id) FROM organization WHERE name <> '新机构') AS before`,
    );
    expect(Number(rows[0].id)).toBeGreaterThan(Number(rows[0].before));
  });

  it('refuses to restore over data', async () => {
    await expect(restore(source.database.ownerUrl, file)).rejects.toThrow(/not empty/);
  });

  it('refuses a file that is not a backup', async () => {
    const bogus = `${file}.txt`;
    const zlib = await import('node:zlib');
    fs.writeFileSync(bogus, zlib.gzipSync('hello'));
    const empty = await createTestDatabase({ empty: true });
    try {
      await expect(restore(empty.ownerUrl, bogus)).rejects.toThrow(/not a Liaison backup/);
    } finally {
      await empty.drop();
    }
  });
});
