import PgBoss from 'pg-boss';
import pg from 'pg';
import type { Logger } from 'pino';

/** The advisory lock the processes take in turn to set the queues up. */
const SETUP_LOCK = 'liaison:jobs-setup';

/** One kind of job: its queue, how pg-boss retries it, and the handler that runs it. */
export interface QueueDefinition<T extends object = object> {
  name: string;
  /** `stately`: at most one job waiting and one running (sweeps); `standard` otherwise. */
  policy?: 'standard' | 'stately';
  /** Retries by pg-boss when the handler throws (the handler's own business retries are separate). */
  retryLimit?: number;
  retryDelay?: number;
  expireInSeconds?: number;
  /** Workers of this queue in each process. */
  workers?: number;
  /**
   * Jobs a worker takes at once and runs one after the other (default 1): fewer round trips to
   * fetch and complete them for a queue of many small jobs. One that throws fails alone.
   */
  batchSize?: number;
  /** Also run every minute (cron syntax, UTC). */
  cron?: string;
  handle(data: T, jobs: Jobs): Promise<void>;
}

/** Something to do when PostgreSQL notifies on a channel (NOTIFY is delivered at commit). */
export interface Listener {
  channel: string;
  onNotify(jobs: Jobs): void;
}

export interface JobsOptions {
  /** A URL allowed to create the pg-boss schema (the database owner). */
  url: string;
  pollSeconds: number;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  queues: QueueDefinition[];
  listeners?: Listener[];
}

/**
 * The job runner: pg-boss on our PostgreSQL (its own `pgboss` schema), started and stopped with
 * the server. Every process runs workers; pg-boss hands each job to one of them (SKIP LOCKED), so
 * processes and nodes can be added freely.
 */
export class Jobs {
  private readonly workerIds = new Map<string, string[]>();
  private listenClient: pg.Client | null = null;
  private stopping = false;
  private reconnect: NodeJS.Timeout | null = null;

  private constructor(
    readonly boss: PgBoss,
    private readonly opts: JobsOptions,
  ) {}

  static async start(opts: JobsOptions): Promise<Jobs> {
    const boss = new PgBoss({
      connectionString: opts.url,
      max: 4,
      application_name: 'liaison-jobs',
      // Completed jobs are history we keep elsewhere (notify_attempt); a week is plenty here.
      deleteAfterDays: 7,
      archiveCompletedAfterSeconds: 3600,
    });
    boss.on('error', (err) => {
      // 57P01: the database is shutting down (on SIGTERM the embedded one stops with us): expected.
      if ((err as { code?: string }).code === '57P01')
        opts.log.warn({ err }, 'job runner: the database is shutting down');
      else opts.log.error({ err }, 'job runner error');
    });
    // Several processes starting together (`--workers N`, two nodes) set the queues up one after the
    // other: pg-boss's queue creation and schedules, run at once, deadlock each other.
    const setup = new pg.Client({ connectionString: opts.url, application_name: 'liaison-jobs-setup' });
    setup.on('error', () => undefined);
    await setup.connect();
    try {
      await setup.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [SETUP_LOCK]);
      await boss.start();
      return await Jobs.setUp(boss, opts);
    } finally {
      await setup.end().catch(() => undefined);
    }
  }

  private static async setUp(boss: PgBoss, opts: JobsOptions): Promise<Jobs> {
    const jobs = new Jobs(boss, opts);
    for (const q of opts.queues) {
      await boss.createQueue(q.name, {
        name: q.name,
        policy: q.policy ?? 'standard',
        retryLimit: q.retryLimit ?? 3,
        retryDelay: q.retryDelay ?? 10,
        retryBackoff: true,
        expireInSeconds: q.expireInSeconds ?? 300,
      });
      const ids: string[] = [];
      for (let i = 0; i < (q.workers ?? 1); i++) {
        let id = '';
        id = await boss.work<object>(
          q.name,
          { pollingIntervalSeconds: opts.pollSeconds, batchSize: q.batchSize ?? 1 },
          async (batch) => {
            for (const job of batch) {
              // pg-boss completes the batch's jobs still active when this returns: a failed one is
              // failed here (and retried as its queue says), the others go on.
              try {
                await q.handle(job.data, jobs);
              } catch (err) {
                await boss.fail(q.name, job.id, err as object);
              }
            }
            if (!batch.length) return;
            // More may be waiting: look again at once. A worker otherwise sleeps its polling interval
            // after every job, which held 4 delivery workers to ≈ 17 sends a second while registrations
            // queued 50 receipts a second (the soak's outbox backlog). It sleeps when it finds nothing.
            boss.notifyWorker(id);
          },
        );
        ids.push(id);
      }
      jobs.workerIds.set(q.name, ids);
      if (q.cron) await boss.schedule(q.name, q.cron, {}, { tz: 'UTC' });
    }
    await jobs.listen();
    return jobs;
  }

  /** Queues a job; `startAfter` delays it. Returns the job id, or null when the queue's policy dropped it. */
  async send(name: string, data: object, opts: { startAfter?: Date } = {}): Promise<string | null> {
    return this.boss.send(name, data, opts.startAfter ? { startAfter: opts.startAfter } : {});
  }

  /** Queues many jobs in one statement. */
  async insert(name: string, items: { data: object; startAfter?: Date }[]): Promise<void> {
    if (!items.length) return;
    await this.boss.insert(items.map((i) => ({ name, data: i.data, startAfter: i.startAfter })));
  }

  /** Lets this process's workers of a queue look for work now instead of at their next poll. */
  wake(name: string) {
    for (const id of this.workerIds.get(name) ?? []) this.boss.notifyWorker(id);
  }

  private async listen() {
    const listeners = this.opts.listeners ?? [];
    if (!listeners.length || this.stopping) return;
    const client = new pg.Client({ connectionString: this.opts.url, application_name: 'liaison-listen' });
    client.on('notification', (n) => {
      for (const l of listeners) if (l.channel === n.channel) l.onNotify(this);
    });
    client.on('error', (err) => {
      this.opts.log.warn({ err }, 'job listener lost its connection; reconnecting');
      void client.end().catch(() => undefined);
      this.listenClient = null;
      this.scheduleReconnect();
    });
    try {
      await client.connect();
      for (const ch of new Set(listeners.map((l) => l.channel)))
        await client.query(`LISTEN ${pg.escapeIdentifier(ch)}`);
      this.listenClient = client;
      // Anything committed while we were not listening.
      for (const l of listeners) l.onNotify(this);
    } catch (err) {
      this.opts.log.warn({ err }, 'job listener could not connect; retrying');
      await client.end().catch(() => undefined);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect() {
    if (this.stopping || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.listen();
    }, 5000);
    this.reconnect.unref();
  }

  /** Stops taking jobs, lets running ones finish (up to `timeoutMs`), closes the connections. */
  async stop(timeoutMs = 10_000) {
    this.stopping = true;
    if (this.reconnect) clearTimeout(this.reconnect);
    await this.listenClient?.end().catch(() => undefined);
    this.listenClient = null;
    try {
      await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
    } catch (err) {
      // On SIGTERM the embedded PostgreSQL stops at the same time (its own exit hook): pg-boss's
      // last bookkeeping may find the database gone. The jobs it held run again elsewhere.
      this.opts.log.warn({ err }, 'job runner stopped with an error');
    }
  }
}
