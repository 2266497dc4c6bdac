import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { connect, ensureAppRole, migrateToLatest } from '../../src/server/db/database.js';
import { ensureDatabase, startEmbedded, type EmbeddedCluster } from '../../src/server/db/embedded.js';
import { ensureStandardCategories } from '../../src/server/modules/opinions/standard-categories.js';
import { seedFromPackage } from '../../src/server/platform/calendar/service.js';

export const TEMPLATE = 'liaison_template';
export const APP_PASSWORD = 'test-app-password';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the `postgres` database of the test cluster (or of DATABASE_URL's server). */
    adminUrl: string;
  }
}

/**
 * One PostgreSQL for the whole run: the embedded server in a temporary folder, or the server of
 * TEST_DATABASE_URL (a superuser URL). The schema is migrated once into a template database.
 */
export default async function setup(project: TestProject) {
  let cluster: EmbeddedCluster | null = null;
  let dir: string | null = null;
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-test-'));
    fs.chmodSync(dir, 0o755);
    cluster = await startEmbedded(dir);
    adminUrl = cluster.url('postgres');
  }
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${TEMPLATE}`);
  await client.end();
  await ensureAppRole(adminUrl, APP_PASSWORD);
  await ensureDatabase(adminUrl, TEMPLATE);
  const u = new URL(adminUrl);
  u.pathname = `/${TEMPLATE}`;
  await migrateToLatest(u.toString());
  // Reference data every test expects, as `liaison serve` loads it: the official holidays and
  // the standard opinion categories.
  const template = connect(u.toString(), 1);
  await seedFromPackage(template)
    .then(() => ensureStandardCategories(template))
    .finally(() => template.destroy());
  project.provide('adminUrl', adminUrl);
  return async () => {
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };
}
