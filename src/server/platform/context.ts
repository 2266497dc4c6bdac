import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import type { AuditTrail } from './audit/audit.js';
import type { CryptoProvider } from './crypto/field-crypto.js';
import type { Keys } from './crypto/keys.js';
import type { SessionCache } from './auth/session-cache.js';

/** What every module's services are built from. */
export interface Platform {
  config: Config;
  db: Db;
  /** The read replica for the statistics' reads (`LIAISON_READ_DATABASE_URL`); absent: `db`. */
  replica?: Db;
  audit: AuditTrail;
  keys: Keys;
  /** Encrypts personal data fields at rest. */
  fields: CryptoProvider;
  /** Copies of sessions kept in step with the database (see SessionCache); absent in tools. */
  sessionCache?: SessionCache;
}

/** Where reads that may trail the primary a little go: the read replica when there is one. */
export function readDb(p: Pick<Platform, 'db' | 'replica'>): Db {
  return p.replica ?? p.db;
}
