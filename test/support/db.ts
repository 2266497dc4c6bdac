import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/server/config.js';
import { APP_ROLE, withCredentials } from '../../src/server/db/database.js';
import { openPlatform } from '../../src/server/runtime.js';
import type { Platform } from '../../src/server/platform/context.js';
import { APP_PASSWORD, TEMPLATE } from './global-setup.js';

export interface TestDatabase {
  name: string;
  /** Superuser URL: what a tamperer or the migrator would use. */
  ownerUrl: string;
  /** What the server connects with. */
  appUrl: string;
  drop(): Promise<void>;
}

function urlFor(name: string) {
  const u = new URL(inject('adminUrl'));
  u.pathname = `/${name}`;
  return u.toString();
}

/** Runs SQL as the superuser against a database of the test cluster. */
export async function superQuery(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A fresh database for one test file: a copy of the migrated template, or empty. */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = inject('adminUrl');
  await superQuery(admin, `CREATE DATABASE ${name}${opts.empty ? '' : ` TEMPLATE ${TEMPLATE}`}`);
  const ownerUrl = urlFor(name);
  return {
    name,
    ownerUrl,
    appUrl: withCredentials(ownerUrl, APP_ROLE, APP_PASSWORD),
    drop: async () => {
      await superQuery(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/** A config as the server would build it, for tests. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-data-'));
  return loadConfig({
    NODE_ENV: 'test',
    LIAISON_DATA_DIR: dataDir,
    LIAISON_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    // Tests change sessions and roles behind the server's back and expect the very next request
    // to see it; the cache would see it a moment later. Its own tests switch it on.
    LIAISON_SESSION_CACHE: 'off',
    // The portal's proof-of-work stays real but small: a few milliseconds, not a second, per solve.
    LIAISON_POW_MAX_NUMBER: '1000',
    // Tests call the public routes from one address far faster than people do; the limit has its own test.
    LIAISON_PUBLIC_PER_MINUTE: '1000000',
    ...overrides,
  });
}

/** A platform on a fresh database; close it in afterAll. */
export async function createTestPlatform(overrides: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: database.appUrl, ...overrides });
  const platform: Platform & { close(): Promise<void> } = openPlatform(config, database);
  return {
    platform,
    database,
    close: async () => {
      await platform.close();
      await database.drop();
    },
  };
}
