import os from 'node:os';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { AuditVerifyRun } from '../../../contracts/audit.js';
import { inTransaction } from '../../db/database.js';
import type { Actor } from '../access/policy.js';
import type { Platform } from '../context.js';
import { AppError } from '../errors/errors.js';
import type { RequestContext, VerifyResult } from './audit.js';

type RunView = z.infer<typeof AuditVerifyRun>;

/** A run that has not written for this long is taken to have died with its process. */
export const HEARTBEAT_STALE_MS = 60_000;
/** Progress is written at most this often (and after the last batch). */
const PROGRESS_EVERY_MS = 1_000;

/** True for a run that has not written for `HEARTBEAT_STALE_MS`. */
const silent = sql<boolean>`heartbeat_at < now() - make_interval(secs => ${HEARTBEAT_STALE_MS / 1000})`;

/** The name of this process in a run's row: which node and process is doing the check. */
const processName = `${os.hostname()}:${process.pid}`;

/**
 * Checks of the audit chain running in this process, each with the means to stop it: the server
 * stops them when it closes (the run is then marked interrupted) and waits for them to end.
 */
export class VerifyRunner {
  private readonly running = new Map<number, { stop: AbortController; done: Promise<void> }>();

  constructor(private readonly p: Platform) {}

  /**
   * Starts a check of the chain (the whole trail, or the rows written since `since`) in the
   * background, or, when one is already running anywhere, answers with that one. The check reads
   * this process's witness file, like `liaison audit verify` on this node.
   */
  async start(ctx: RequestContext, actor: Actor, since?: Date): Promise<RunView> {
    const created = await inTransaction(this.p.db, async (trx) => {
      // A run whose process stopped beating is over: it no longer blocks a new one.
      await trx
        .updateTable('audit_verify_run')
        .set({ status: 'interrupted', finished_at: sql`now()` })
        .where('status', '=', 'running')
        .where(silent)
        .execute();
      return trx
        .insertInto('audit_verify_run')
        .values({
          requested_by: actor.userId,
          requested_name: actor.displayName,
          since: since ?? null,
          process: processName,
        })
        .onConflict((oc) =>
          oc
            .expression(sql`(true)`)
            .where('status', '=', 'running')
            .doNothing(),
        )
        .returning('id')
        .executeTakeFirst();
    });
    if (!created) {
      const current = await this.p.db
        .selectFrom('audit_verify_run')
        .select('id')
        .where('status', '=', 'running')
        .executeTakeFirst();
      // Finished between the two statements: then start anew.
      return current ? this.get(current.id) : this.start(ctx, actor, since);
    }
    const stop = new AbortController();
    const done = this.run(created.id, ctx, since, stop.signal).finally(() => this.running.delete(created.id));
    this.running.set(created.id, { stop, done });
    return this.get(created.id);
  }

  /** A run as the console shows it. */
  async get(id: number): Promise<RunView> {
    const row = await this.runs().where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND');
    return view(row);
  }

  /** The newest run, or null when there has been none. */
  async latest(): Promise<RunView | null> {
    const row = await this.runs().orderBy('started_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row ? view(row) : null;
  }

  private runs() {
    return this.p.db.selectFrom('audit_verify_run').selectAll().select(silent.as('stale'));
  }

  /** Stops this process's runs (marked interrupted) and waits for them to end. */
  async stop(): Promise<void> {
    const runs = [...this.running.values()];
    for (const r of runs) r.stop.abort(new Error('the server is stopping'));
    await Promise.all(runs.map((r) => r.done));
  }

  private async run(id: number, ctx: RequestContext, since: Date | undefined, signal: AbortSignal) {
    let written = 0;
    const progress = async (rows: number, expected: number) => {
      if (Date.now() - written < PROGRESS_EVERY_MS) return;
      written = Date.now();
      await this.p.db
        .updateTable('audit_verify_run')
        .set({ rows_checked: rows, rows_expected: expected, heartbeat_at: sql`now()` })
        .where('id', '=', id)
        .execute();
    };
    let result: VerifyResult | undefined;
    let failure: Error | undefined;
    try {
      result = await this.p.audit.verify(this.p.db, { since, onProgress: progress, signal });
    } catch (e) {
      failure = e as Error;
    }
    try {
      await inTransaction(this.p.db, async (trx) => {
        await trx
          .updateTable('audit_verify_run')
          .set(
            result
              ? {
                  status: 'done',
                  rows_checked: result.rows,
                  result: JSON.stringify(result),
                  heartbeat_at: sql`now()`,
                  finished_at: sql`now()`,
                }
              : {
                  status: signal.aborted ? 'interrupted' : 'failed',
                  error: String(failure?.message ?? failure).slice(0, 500),
                  heartbeat_at: sql`now()`,
                  finished_at: sql`now()`,
                },
          )
          .where('id', '=', id)
          .execute();
        await this.p.audit.record(trx, ctx, {
          action: 'audit.verify',
          subjectType: 'auditVerifyRun',
          subjectId: id,
          summary: result
            ? { ...result, asked: since?.toISOString() ?? 'all' }
            : { ok: false, failed: signal.aborted ? 'interrupted' : 'error', asked: since?.toISOString() ?? 'all' },
        });
      });
    } catch {
      // The database is gone (the server stopping with it): the run's heartbeat goes stale and it
      // is shown as interrupted.
    }
  }
}

type Row = {
  id: number;
  requested_name: string;
  since: Date | null;
  status: string;
  rows_checked: number;
  rows_expected: number | null;
  result: unknown;
  error: string | null;
  started_at: Date;
  heartbeat_at: Date;
  finished_at: Date | null;
  stale: boolean;
};

function view(r: Row): RunView {
  const status = r.status === 'running' && r.stale ? 'interrupted' : (r.status as RunView['status']);
  return {
    id: r.id,
    requestedBy: r.requested_name,
    since: r.since?.toISOString() ?? null,
    status,
    rows: r.rows_checked,
    expectedRows: r.rows_expected,
    result: (r.result as VerifyResult | null) ?? null,
    error: r.error,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}
