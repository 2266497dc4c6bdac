import pg from 'pg';
import type { LoadedSession } from './sessions.js';

/** The channel the database's triggers speak on when a session, user, role or org path changes. */
export const AUTH_CHANNEL = 'liaison_auth';

export interface CachedSession {
  session: LoadedSession;
  userId: number;
  /** When the session was last marked as used in the database (ms since the epoch). */
  lastSeenMs: number;
  expiresMs: number;
}

interface Log {
  warn(obj: object, msg: string): void;
}

/**
 * Sessions this process has just read, so that a busy console does not pay a database round
 * trip for the session on every request. It is never the truth, only a copy kept in step with it:
 *
 * - The database tells every process at once (LISTEN/NOTIFY, from triggers on user_session,
 *   app_user, user_role and organization paths) when anything a session carries changes:
 *   revocation, forced logout, a disabled account, a role granted or taken. The copy of that user
 *   is dropped when the news arrives, milliseconds after the commit.
 * - Without a live listening connection nothing is kept (a missed message would leave a stale
 *   copy), and after a reconnection everything is dropped.
 * - A copy lives at most until the session's next "last seen" mark is due (30 s), so idle and
 *   absolute limits and the touch stay exactly as without the cache.
 * - A read that overlapped a change is not kept (the epoch check in `store`).
 */
export class SessionCache {
  private readonly entries = new Map<string, CachedSession>();
  private epoch = 0;
  private client: pg.Client | null = null;
  private live = false;
  private stopped = true;
  private retry: NodeJS.Timeout | null = null;
  private log: Log | null = null;

  constructor(
    private readonly url: string,
    private readonly enabled: boolean,
    private readonly max = 10_000,
  ) {}

  /** Connects the listener (nothing happens when the cache is switched off). */
  async start(log: Log): Promise<void> {
    if (!this.enabled || !this.stopped) return;
    this.stopped = false;
    this.log = log;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.drop();
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => undefined);
  }

  /** Whether copies are kept now (a live listener). */
  get active(): boolean {
    return this.live;
  }

  read(id: string): CachedSession | null {
    return this.live ? (this.entries.get(id) ?? null) : null;
  }

  /** Taken before reading the database; `store` keeps the result only if nothing changed since. */
  mark(): number {
    return this.epoch;
  }

  store(id: string, value: CachedSession, mark: number): void {
    if (!this.live || mark !== this.epoch) return;
    if (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(id, value);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  /** Drops the copies of one user, or of everybody. */
  drop(userId?: number): void {
    this.epoch++;
    if (userId === undefined) {
      this.entries.clear();
      return;
    }
    for (const [id, e] of this.entries) if (e.userId === userId) this.entries.delete(id);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'liaison-auth-listen' });
    const lost = (err?: unknown) => {
      if (this.client !== client) return;
      this.live = false;
      this.client = null;
      this.drop();
      void client.end().catch(() => undefined);
      if (this.stopped) return;
      this.log?.warn({ err }, 'session cache listener lost its connection; sessions are read from the database');
      this.schedule();
    };
    client.on('notification', (n) => {
      if (n.channel !== AUTH_CHANNEL) return;
      const id = Number(n.payload);
      this.drop(n.payload && n.payload !== '*' && Number.isSafeInteger(id) ? id : undefined);
    });
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${pg.escapeIdentifier(AUTH_CHANNEL)}`);
      if (this.stopped) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      this.drop();
      this.live = true;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (this.stopped) return;
      this.log?.warn({ err }, 'session cache listener could not connect; retrying');
      this.schedule();
    }
  }

  private schedule() {
    if (this.retry || this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, 1000);
    this.retry.unref();
  }
}
