import crypto from 'node:crypto';
import fs from 'node:fs';
import readline from 'node:readline';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrateTo, migrateToLatest } from './db/database.js';
import { migrations } from './db/migrations/index.js';
import type { BlobStore } from './platform/files/blobs.js';

/**
 * Logical backup of every table, written by Liaison itself: the schema version plus each
 * table's rows in PostgreSQL's COPY text format, then the uploaded files the tables refer to
 * (`FILE <sha256>` and the bytes in base64 on the next line), gzipped. (pg_dump must be at least the server's
 * version, and no PostgreSQL 18 client can be installed here; see docs/decisions/backup.md.)
 */
const MAGIC = 'LIAISON-BACKUP 1';

interface TableMeta {
  name: string;
  columns: string[];
}

async function tablesInOrder(client: pg.Client): Promise<TableMeta[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(`
    SELECT c.relname AS name,
           array_agg(a.attname::text ORDER BY a.attnum) AS columns
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE c.relkind = 'r' AND c.relname NOT LIKE 'schema\\_migration%'
     GROUP BY c.relname`);
  const { rows: deps } = await client.query<{ child: string; parent: string }>(`
    SELECT c.relname AS child, p.relname AS parent
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_class p ON p.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
     WHERE k.contype = 'f' AND c.oid <> p.oid`);
  // Parents before children, so that foreign keys hold while rows are loaded.
  const ordered: TableMeta[] = [];
  const byName = new Map(rows.map((r) => [r.name, r]));
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const d of deps.filter((x) => x.child === name)) visit(d.parent);
    const t = byName.get(name);
    if (t) ordered.push(t);
  };
  for (const r of [...rows].sort((a, b) => a.name.localeCompare(b.name))) visit(r.name);
  return ordered;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Writes the whole database to `file`, consistently (one repeatable-read snapshot), with the bytes
 * of every uploaded file it records (from the blob store). A recorded file whose
 * bytes are gone is counted in `missing`, and the backup goes on.
 */
export async function backup(url: string, file: string, blobs?: BlobStore) {
  return withClient(url, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesInOrder(client);
    const applied = (await client.query<{ name: string }>('SELECT name FROM schema_migration ORDER BY name')).rows.map(
      (r) => r.name,
    );
    const gzip = zlib.createGzip();
    const out = fs.createWriteStream(`${file}.partial`);
    const done = pipeline(gzip, out);
    const write = async (text: string | Buffer) => {
      if (!gzip.write(text)) await new Promise((r) => gzip.once('drain', r));
    };
    await write(`${MAGIC}\n${JSON.stringify({ migrations: applied, createdAt: new Date().toISOString() })}\n`);
    let rows = 0;
    for (const t of tables) {
      await write(`TABLE ${JSON.stringify(t)}\n`);
      const order = t.columns.includes('id') ? ' ORDER BY id' : t.columns.includes('code') ? ' ORDER BY code' : '';
      const cols = t.columns.map((c) => pg.escapeIdentifier(c)).join(', ');
      const stream = client.query(
        copyTo(`COPY (SELECT ${cols} FROM ${pg.escapeIdentifier(t.name)}${order}) TO STDOUT`),
      );
      for await (const chunk of stream) {
        await write(chunk as Buffer);
        rows += (chunk as Buffer).reduce((n, b) => (b === 10 ? n + 1 : n), 0);
      }
      await write('\\.\n');
    }
    let files = 0;
    const missing: string[] = [];
    if (blobs && tables.some((t) => t.name === 'stored_file')) {
      const { rows: recorded } = await client.query<{ sha256: string }>(
        'SELECT DISTINCT sha256 FROM stored_file ORDER BY sha256',
      );
      for (const { sha256 } of recorded) {
        const bytes = await blobs.get(sha256);
        if (!bytes) {
          missing.push(sha256);
          continue;
        }
        await write(`FILE ${sha256}\n${bytes.toString('base64')}\n`);
        files++;
      }
    }
    gzip.end();
    await done;
    await client.query('COMMIT');
    fs.renameSync(`${file}.partial`, file);
    return { tables: tables.length, rows, files, missing };
  });
}

/** Puts one file of a backup back into the store (checked against its name; atomically). */
async function restoreFile(blobs: BlobStore, sha256: string, base64: string) {
  const bytes = Buffer.from(base64, 'base64');
  if (!/^[0-9a-f]{64}$/.test(sha256) || crypto.createHash('sha256').update(bytes).digest('hex') !== sha256)
    throw new Error(`corrupt backup: the file ${sha256.slice(0, 16)}… does not match its checksum`);
  if (await blobs.has(sha256, bytes.length)) return;
  await blobs.put(sha256, bytes, 'application/octet-stream');
}

/**
 * Loads a backup into a database whose tables are empty: the schema is brought to the backup's
 * version, rows are copied in one transaction, sequences are set past the highest ids, and the
 * remaining migrations run. The files go back into the blob store. Refuses a
 * database that holds any row.
 */
export async function restore(url: string, file: string, blobs?: BlobStore) {
  if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
  const raw = fs.createReadStream(file);
  const gunzip = zlib.createGunzip();
  // A read or decompression error must end the restore, not leave it waiting for lines.
  raw.on('error', (e) => gunzip.destroy(e));
  const lines = readline.createInterface({ input: raw.pipe(gunzip), crlfDelay: Infinity });
  const it = lines[Symbol.asyncIterator]();
  const next = async () => {
    const r = await it.next();
    return r.done ? null : r.value;
  };
  if ((await next()) !== MAGIC) throw new Error(`${file} is not a Liaison backup`);
  const meta = JSON.parse((await next()) ?? '{}') as { migrations: string[] };
  const unknown = meta.migrations.filter((m) => !(m in migrations));
  if (unknown.length)
    throw new Error(`the backup comes from a newer Liaison (migrations ${unknown.join(', ')}); upgrade first`);
  await migrateTo(url, meta.migrations.at(-1));

  const counts = await withClient(url, async (client) => {
    const tables = await tablesInOrder(client);
    for (const t of tables) {
      const { rows } = await client.query(`SELECT EXISTS (SELECT 1 FROM ${pg.escapeIdentifier(t.name)}) AS any`);
      if (rows[0].any)
        throw new Error(`the database is not empty (table ${t.name} has rows); restore needs an empty database`);
    }
    await client.query('BEGIN');
    try {
      // As a superuser, skip triggers (foreign keys are checked by the load order instead).
      await client.query('SET LOCAL session_replication_role = replica').catch(async () => {
        await client.query('ROLLBACK');
        await client.query('BEGIN');
      });
      let rows = 0;
      let count = 0;
      let files = 0;
      for (let line = await next(); line !== null; line = await next()) {
        if (line.startsWith('FILE ')) {
          const body = await next();
          if (body === null) throw new Error('backup ends inside a file');
          if (blobs) await restoreFile(blobs, line.slice(5), body);
          files++;
          continue;
        }
        if (!line.startsWith('TABLE ')) throw new Error(`corrupt backup near: ${line.slice(0, 40)}`);
        const t = JSON.parse(line.slice(6)) as TableMeta;
        const cols = t.columns.map((c) => pg.escapeIdentifier(c)).join(', ');
        const sink = client.query(copyFrom(`COPY ${pg.escapeIdentifier(t.name)} (${cols}) FROM STDIN`));
        const finished = new Promise<void>((resolve, reject) => sink.on('finish', resolve).on('error', reject));
        for (let row = await next(); row !== '\\.'; row = await next()) {
          if (row === null) throw new Error(`backup ends inside table ${t.name}`);
          if (!sink.write(`${row}\n`)) await new Promise((r) => sink.once('drain', r));
          rows++;
        }
        sink.end();
        await finished;
        count++;
      }
      await client.query(`
        DO $$ DECLARE s record; BEGIN
          FOR s IN SELECT seq.relname AS seq, tab.relname AS tab, col.attname AS col
                     FROM pg_depend d
                     JOIN pg_class seq ON seq.oid = d.objid AND seq.relkind = 'S'
                     JOIN pg_class tab ON tab.oid = d.refobjid
                     JOIN pg_attribute col ON col.attrelid = tab.oid AND col.attnum = d.refobjsubid
                     JOIN pg_namespace n ON n.oid = seq.relnamespace AND n.nspname = 'public'
          LOOP
            EXECUTE format('SELECT setval(%L, COALESCE((SELECT max(%I) FROM %I), 0) + 1, false)', s.seq, s.col, s.tab);
          END LOOP;
        END $$`);
      await client.query('COMMIT');
      return { tables: count, rows, files };
    } catch (err) {
      await client.query('ROLLBACK');
      throw err;
    }
  });
  await migrateToLatest(url);
  return counts;
}
