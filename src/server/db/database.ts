import { Kysely, type Migration, Migrator, PostgresDialect, type Transaction, sql } from 'kysely';
import pg from 'pg';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import { migrations } from './migrations/index.js';
import type { DB } from './schema.js';

// int8 (ids, counts) as numbers: ids stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Kysely<DB>;
export type Tx = Transaction<DB>;

/** The role the server runs as; it may read and write, but never change or remove audit rows. */
export const APP_ROLE = 'liaison_app';

const pools = new WeakMap<Db, pg.Pool>();

/** Opens a pooled Kysely connection. */
export function connect(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000, application_name: 'liaison' });
  // A dropped idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor one that is lent out (pg-pool takes its own listener off while a client is checked out,
  // e.g. inside a transaction between statements): the error reaches the query that uses it.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

/** The pool under a connection opened by `connect` (its counts feed the metrics). */
export function poolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
}

/**
 * `column = ANY($1::bigint[])`: a list of ids as one array parameter. A Kysely `in` list takes a
 * parameter per id, and a statement takes at most 65,535 (the protocol counts them in 16 bits):
 * helpers that take ids from figures or imports use this.
 */
export function idIn(column: string, ids: Iterable<number>) {
  return anyOf(column, ids, 'bigint');
}

/** `column = ANY($1::type[])`: `idIn` for keys of another type (`text` for import keys and codes). */
export function anyOf<T extends number | string>(column: string, values: Iterable<T>, type: 'bigint' | 'text') {
  return sql<boolean>`${sql.ref(column)} = ANY(${[...new Set(values)]}::${sql.raw(type)}[])`;
}

/** A column of `unnestRows`: its name and PostgreSQL type (`text[]` for an array column). */
export type UnnestColumn = readonly [name: string, type: 'bigint' | 'integer' | 'text' | 'boolean' | 'text[]'];

/**
 * `SELECT … FROM unnest($1::type[], $2::type[], …)`: rows for an `INSERT … SELECT`, one array
 * parameter per column, however many rows. A Kysely `values` list takes a parameter per cell:
 * at most 65,535 a statement (so batches), each one parsed and planned, which made a register
 * import's inserts several times slower than COPY. An array column travels as the text of its
 * array literal and is cast back (unnest cannot take an array of arrays of uneven length).
 */
export function unnestRows(columns: readonly UnnestColumn[], rows: readonly Record<string, unknown>[]) {
  const arrays = columns.map(([name, type]) =>
    type === 'text[]'
      ? sql`${rows.map((r) => arrayLiteral(r[name] as readonly string[] | null | undefined))}::text[]`
      : sql`${rows.map((r) => r[name] ?? null)}::${sql.raw(type)}[]`,
  );
  const select = columns.map(([name, type]) => (type === 'text[]' ? sql`${sql.id(name)}::text[]` : sql.id(name)));
  const names = columns.map(([name]) => sql.id(name));
  return sql`SELECT ${sql.join(select)} FROM unnest(${sql.join(arrays)}) AS t(${sql.join(names)})`;
}

/** A text array as PostgreSQL's literal (`{"a","b \"c\""}`), each item quoted; null stays null. */
function arrayLiteral(items: readonly string[] | null | undefined): string | null {
  if (items == null) return null;
  return `{${items.map((s) => `"${s.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/** Loads rows into a table with COPY … FROM STDIN: no conflict handling, every row must be new. */
export type CopyRows = (
  table: string,
  columns: readonly UnnestColumn[],
  rows: readonly Record<string, unknown>[],
) => Promise<void>;

/**
 * `inTransaction` for a use case that loads many rows (a register import): besides the
 * transaction, `copy` loads rows by COPY on the transaction's own connection, PostgreSQL's bulk
 * path, the one thing a Kysely transaction cannot send. The transaction is Kysely's own, over a
 * connection checked out of the pool for it. A `db` without a pool of ours (none in the
 * platform) gets `INSERT … SELECT FROM unnest(…)` for `copy`: the same rows, slower.
 */
export async function inTransactionWithCopy<T>(db: Db, fn: (trx: Tx, copy: CopyRows) => Promise<T>): Promise<T> {
  const pool = poolOf(db);
  if (!pool)
    return inTransaction(db, (trx) =>
      fn(trx, async (table, columns, rows) => {
        if (rows.length)
          await sql`INSERT INTO ${sql.id(table)} (${sql.join(columns.map(([c]) => sql.id(c)))}) ${unnestRows(columns, rows)}`.execute(
            trx,
          );
      }),
    );
  const client = await pool.connect();
  // Kysely over this one connection: it checks it out and back as it likes; it stays ours.
  const one = new Kysely<DB>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => ({ query: client.query.bind(client), release: () => undefined }),
        end: async () => undefined,
      } as never,
    }),
  });
  let broken: Error | undefined;
  try {
    return await one.transaction().execute((trx) =>
      fn(trx, async (table, columns, rows) => {
        if (!rows.length) return;
        const cols = columns.map(([c]) => pg.escapeIdentifier(c)).join(', ');
        const text = copyText(columns, rows);
        await pipeline(
          Readable.from([text]),
          client.query(copyFrom(`COPY ${pg.escapeIdentifier(table)} (${cols}) FROM STDIN`)),
        );
      }),
    );
  } catch (e) {
    broken = e as Error;
    throw e;
  } finally {
    // After a failure (mid-COPY, say) the connection may be in any state: the pool drops it.
    client.release(broken);
  }
}

/** Rows in COPY's text format: tab between columns, `\N` for null, backslash escapes. */
function copyText(columns: readonly UnnestColumn[], rows: readonly Record<string, unknown>[]): string {
  const escape = (s: string) =>
    s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
  let out = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i++) {
      const [name, type] = columns[i]!;
      const v = row[name];
      const cell =
        v === null || v === undefined
          ? '\\N'
          : type === 'text[]'
            ? escape(arrayLiteral(v as string[])!)
            : type === 'boolean'
              ? v
                ? 't'
                : 'f'
              : type === 'text'
                ? escape(String(v))
                : String(v);
      line += i ? `\t${cell}` : cell;
    }
    out += `${line}\n`;
  }
  return out;
}

/** Runs one use case in one transaction: all of its changes and its audit rows commit together. */
export function inTransaction<T>(db: Db, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}

export class MigrationError extends Error {
  constructor(
    public readonly migration: string,
    cause: unknown,
  ) {
    super(`migration ${migration} failed 数据库迁移失败: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'MigrationError';
  }
}

function migrator(db: Kysely<unknown>, list: Record<string, Migration> = migrations) {
  return new Migrator({
    db,
    provider: { getMigrations: async () => list },
    migrationTableName: 'schema_migration',
    migrationLockTableName: 'schema_migration_lock',
  });
}

/**
 * Brings the schema to the latest version in one transaction (PostgreSQL has transactional DDL):
 * a failing migration leaves nothing half-applied and is thrown with its name.
 */
export async function migrateToLatest(
  ownerUrl: string,
  list: Record<string, Migration> = migrations,
): Promise<string[]> {
  const db = connect(ownerUrl, 2) as unknown as Kysely<unknown>;
  try {
    const { error, results } = await migrator(db, list).migrateToLatest();
    if (error) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      throw new MigrationError(failed, error);
    }
    await grantAppRole(db);
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  } finally {
    await db.destroy();
  }
}

/** Brings the schema to exactly the named migration (used by restore, before loading rows). */
export async function migrateTo(ownerUrl: string, target: string | undefined) {
  if (!target) return;
  const db = connect(ownerUrl, 1) as unknown as Kysely<unknown>;
  try {
    const { error, results } = await migrator(db).migrateTo(target);
    if (error) throw new MigrationError(results?.find((r) => r.status === 'Error')?.migrationName ?? target, error);
  } finally {
    await db.destroy();
  }
}

/** Names of known migrations not yet applied (empty when the schema is current). */
export async function pendingMigrations(db: Db): Promise<string[]> {
  const applied = await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(db);
  const done = new Set(applied.rows.map((r) => r.name));
  return Object.keys(migrations).filter((m) => !done.has(m));
}

/** Gives the application role its rights where that role exists: DML everywhere, audit append-only. */
async function grantAppRole(db: Kysely<unknown>) {
  await sql`
    DO $$ BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${sql.lit(APP_ROLE)}) THEN
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), ${sql.lit(APP_ROLE)});
        GRANT USAGE ON SCHEMA public TO liaison_app;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO liaison_app;
        GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO liaison_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM liaison_app;
      END IF;
    END $$`.execute(db);
}

/** Creates the application role (needs a superuser or CREATEROLE connection) with the given password. */
export async function ensureAppRole(ownerUrl: string, password: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE]);
    const verb = exists.rowCount ? 'ALTER' : 'CREATE';
    await client.query(`${verb} ROLE ${APP_ROLE} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
  } finally {
    await client.end();
  }
}

/** The same URL with another user and password. */
export function withCredentials(url: string, user: string, password: string) {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}
