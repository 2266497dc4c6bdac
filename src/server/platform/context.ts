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
  audit: AuditTrail;
  keys: Keys;
  /** Encrypts personal data fields at rest. */
  fields: CryptoProvider;
  /** Copies of sessions kept in step with the database (see SessionCache); absent in tools. */
  sessionCache?: SessionCache;
}
