import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestPlatform, superQuery, type TestDatabase } from '../../test/support/db.js';
import { createDistrict, PASSWORD } from '../../test/support/factories.js';
import { TestClient, createApp } from '../../test/support/http.js';
import { inTransaction } from './db/database.js';
import { backup, restore } from './backup.js';
import { DiskBlobs } from './platform/files/blobs.js';
import { fileStore, filesRoot, storedFilePath } from './platform/files/store.js';
import { seedDemo } from './seed/demo.js';

let source: Awaited<ReturnType<typeof createTestPlatform>>;
let target: TestDatabase;
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-backup-')), 'db.backup');
/** The restored server's file store (another machine's data dir, in effect). */
const restoredFiles = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-restored-files-'));
/** A photo uploaded before the backup, and one whose bytes were lost from disk. */
const photo = Buffer.from('照片的字节 photo bytes \u0000\u0001\u00ff'.repeat(50));
const lost = Buffer.from('丢失的文件 lost file');

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
  await inTransaction(source.platform.db, async (trx) => {
    await fileStore(source.platform).save(trx, { bytes: photo, contentType: 'image/jpeg' }, null);
    await fileStore(source.platform).save(trx, { bytes: lost, contentType: 'image/jpeg' }, null);
  });
  fs.rmSync(storedFilePath(filesRoot(source.platform.config.dataDir), sha(lost)));
  const app = await createApp(source.platform);
  await new TestClient(app).login(d.users.admin.username, PASSWORD);
  await app.close();
  target = await createTestDatabase({ empty: true });
});
afterAll(async () => {
  await source.close();
  await target.drop();
});

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

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
    const written = await backup(
      source.database.ownerUrl,
      file,
      new DiskBlobs(filesRoot(source.platform.config.dataDir)),
    );
    expect(written.rows).toBeGreaterThan(20);
    // The uploaded files travel with the rows; a lost one is reported, not silently skipped.
    expect(written.files).toBe(1);
    expect(written.missing).toEqual([sha(lost)]);
    const restored = await restore(target.ownerUrl, file, new DiskBlobs(restoredFiles));
    expect(restored.rows).toBe(written.rows);
    expect(restored.files).toBe(1);
    expect(fs.readFileSync(storedFilePath(restoredFiles, sha(photo))).equals(photo)).toBe(true);
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
