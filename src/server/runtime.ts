import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { APP_ROLE, connect, ensureAppRole, withCredentials, type Db } from './db/database.js';
import { ensureDatabase, startEmbedded, type EmbeddedCluster } from './db/embedded.js';
// A platform is never opened without the modules' catalogues (error codes, grants, message texts).
import './modules/index.js';
import { AuditTrail } from './platform/audit/audit.js';
import type { Platform } from './platform/context.js';
import { SessionCache } from './platform/auth/session-cache.js';
import { Sm4FieldCrypto } from './platform/crypto/field-crypto.js';
import { deriveKeys, loadMasterSecret, randomToken } from './platform/crypto/keys.js';

/** Where the database is: the owner's URL (migrations, backups) and the application's URL. */
export interface DatabaseHandle {
  ownerUrl: string;
  appUrl: string;
  embedded: EmbeddedCluster | null;
  stop(): Promise<void>;
}

const DB_NAME = 'liaison';

/**
 * Opens the configured PostgreSQL, or starts the embedded one under the data dir. With the
 * embedded server the application connects as a role that cannot alter the audit trail.
 */
export async function openDatabase(config: Config, log?: Logger): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    return {
      ownerUrl: config.databaseOwnerUrl ?? config.databaseUrl,
      appUrl: config.databaseUrl,
      embedded: null,
      stop: async () => undefined,
    };
  }
  const embedded = await startEmbedded(path.join(config.dataDir, 'postgres'), log);
  try {
    await ensureDatabase(embedded.url('postgres'), DB_NAME);
    const ownerUrl = embedded.url(DB_NAME);
    const pwFile = path.join(config.dataDir, 'postgres', '.app-password');
    if (!fs.existsSync(pwFile)) fs.writeFileSync(pwFile, randomToken(18), { mode: 0o600 });
    const appPassword = fs.readFileSync(pwFile, 'utf8').trim();
    await ensureAppRole(embedded.url('postgres'), appPassword);
    return {
      ownerUrl,
      appUrl: withCredentials(ownerUrl, APP_ROLE, appPassword),
      embedded,
      stop: () => embedded.stop(),
    };
  } catch (err) {
    await embedded.stop();
    throw err;
  }
}

/** Builds the platform the modules run on (the schema must be migrated). */
export function openPlatform(
  config: Config,
  handle: Pick<DatabaseHandle, 'appUrl'>,
): Platform & { close(): Promise<void> } {
  const db: Db = connect(handle.appUrl, 20);
  const replica = config.readDatabaseUrl ? connect(config.readDatabaseUrl, 10) : undefined;
  const keys = deriveKeys(loadMasterSecret(config.secret, config.dataDir));
  const sessionCache = new SessionCache(handle.appUrl, config.session.cache);
  return {
    config,
    db,
    replica,
    keys,
    audit: new AuditTrail(keys.audit, path.join(config.dataDir, 'audit-witness.jsonl')),
    fields: new Sm4FieldCrypto(keys.fields),
    sessionCache,
    close: async () => {
      await sessionCache.stop();
      await db.destroy();
      await replica?.destroy();
    },
  };
}
