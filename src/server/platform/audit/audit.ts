import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db, Tx } from '../../db/database.js';
import type { Json } from '../../db/schema.js';

/** Who did it and from where: carried from the request into every use case. */
export interface RequestContext {
  actor: { userId: number; username: string } | null;
  requestId: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEntry {
  /** Dotted verb, e.g. `auth.login`, `user.create`, `role.grant`. */
  action: string;
  subjectType?: string;
  subjectId?: string | number;
  /** What changed (before/after where it matters). Never passwords or personal data in clear. */
  summary?: Record<string, unknown>;
}

const GENESIS = '0'.repeat(64);

/** Recursively sorted keys, so the hash does not depend on how jsonb orders them. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`)
    .join(',')}}`;
}

interface ChainedFields {
  id: number;
  at: Date;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  summary: unknown;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  prev_hash: string;
}

function chainHash(key: Buffer, row: ChainedFields) {
  const body = canonical({ ...row, at: row.at.toISOString() });
  return crypto.createHmac('sha256', key).update(body).digest('hex');
}

/** A note of the chain's newest row, kept outside the database (see `AuditTrail.witness`). */
interface WitnessLine {
  id: number;
  hash: string;
  at: string;
  mac: string;
}

/** Keeps the key; the audit writer and the verifier need it. */
export class AuditTrail {
  /**
   * `witnessFile`: where the chain's head is noted now and then, outside PostgreSQL. The chain
   * alone cannot show that its newest rows were deleted (what remains still links up); the
   * witness can.
   */
  constructor(
    private readonly key: Buffer,
    private readonly witnessFile?: string,
  ) {}

  private witnessMac(id: number, hash: string, at: string) {
    return crypto.createHmac('sha256', this.key).update(`witness|${id}|${hash}|${at}`).digest('hex');
  }

  /** The last line of the witness file, or null when there is none; 'forged' when its MAC is wrong. */
  private lastWitness(): WitnessLine | 'forged' | null {
    if (!this.witnessFile || !fs.existsSync(this.witnessFile)) return null;
    const lines = fs.readFileSync(this.witnessFile, 'utf8').trim().split('\n').filter(Boolean);
    if (!lines.length) return null;
    try {
      const w = JSON.parse(lines.at(-1)!) as WitnessLine;
      return typeof w.id === 'number' && w.mac === this.witnessMac(w.id, w.hash, w.at) ? w : 'forged';
    } catch {
      return 'forged';
    }
  }

  /**
   * Notes the chain's newest row in the witness file (a line a run, when it moved). A job does it
   * every few minutes; `verify` then reports rows deleted from the end.
   */
  async witness(db: Db): Promise<{ id: number; hash: string } | null> {
    if (!this.witnessFile) return null;
    const head = await db
      .selectFrom('audit_log')
      .select(['id', 'hash'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!head) return null;
    const last = this.lastWitness();
    if (last && last !== 'forged' && last.id === head.id) return head;
    const at = new Date().toISOString();
    fs.mkdirSync(path.dirname(this.witnessFile), { recursive: true });
    fs.appendFileSync(
      this.witnessFile,
      `${JSON.stringify({ id: head.id, hash: head.hash, at, mac: this.witnessMac(head.id, head.hash, at) })}\n`,
      { mode: 0o600 },
    );
    return head;
  }

  /**
   * Appends one audit row inside the caller's transaction, chained to the previous row by HMAC.
   * The advisory lock orders writers so that the chain has no forks; it is released at commit.
   */
  async record(trx: Tx, ctx: RequestContext, entry: AuditEntry): Promise<void> {
    await this.recordMany(trx, ctx, [entry]);
  }

  /**
   * Appends several rows, in order, in three round trips whatever their number (an import's one
   * row per changed record): the lock, the ids and the last hash, the rows.
   */
  async recordMany(trx: Tx, ctx: RequestContext, entries: readonly AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    // The lock in a statement of its own: a statement reads with the snapshot it began with, so
    // the last hash must be read by a later one, after the previous writer committed.
    await sql`SELECT pg_advisory_xact_lock(7312001)`.execute(trx);
    const { rows } = await sql<{ ids: (number | string)[]; hash: string | null }>`
      SELECT ARRAY(SELECT nextval('audit_log_id_seq') FROM generate_series(1, ${entries.length})) AS ids,
             (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) AS hash`.execute(trx);
    const ids = rows[0]!.ids.map(Number).sort((x, y) => x - y);
    let prev = rows[0]!.hash ?? GENESIS;
    const at = new Date();
    const values = entries.map((entry, i) => {
      const summary = JSON.parse(JSON.stringify(entry.summary ?? {})) as Json;
      const row: ChainedFields = {
        id: ids[i]!,
        at,
        actor_id: ctx.actor?.userId ?? null,
        actor_name: ctx.actor?.username ?? null,
        action: entry.action,
        subject_type: entry.subjectType ?? null,
        subject_id: entry.subjectId === undefined ? null : String(entry.subjectId),
        summary,
        ip: ctx.ip,
        user_agent: ctx.userAgent?.slice(0, 300) ?? null,
        request_id: ctx.requestId,
        prev_hash: prev,
      };
      const hash = chainHash(this.key, row);
      prev = hash;
      return { ...row, summary: JSON.stringify(summary), hash };
    });
    // 14 parameters a row: well under PostgreSQL's 65,535 per statement in chunks of 1,000.
    for (let i = 0; i < values.length; i += 1000)
      await trx
        .insertInto('audit_log')
        .values(values.slice(i, i + 1000))
        .execute();
  }

  /**
   * Walks the whole chain in order and reports the first row whose hash or link does not match:
   * an edited, forged, removed or reordered row breaks it.
   */
  async verify(db: Db): Promise<{ ok: boolean; rows: number; brokenAt?: number; reason?: string }> {
    const witnessed = this.lastWitness();
    if (witnessed === 'forged') return { ok: false, rows: 0, reason: 'witness' };
    let prev = GENESIS;
    let count = 0;
    let after = 0;
    let witnessSeen = false;
    for (;;) {
      const batch = await db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '>', after)
        .orderBy('id')
        .limit(5000)
        .execute();
      if (batch.length === 0) {
        // Rows the witness saw must still be there: a chain cut short still links up.
        if (witnessed && !witnessSeen) return { ok: false, rows: count, brokenAt: witnessed.id, reason: 'truncated' };
        return { ok: true, rows: count };
      }
      for (const r of batch) {
        count++;
        if (r.prev_hash !== prev) return { ok: false, rows: count, brokenAt: r.id, reason: 'link' };
        const { hash, ...fields } = r;
        if (chainHash(this.key, fields) !== hash) return { ok: false, rows: count, brokenAt: r.id, reason: 'hash' };
        if (witnessed && r.id === witnessed.id) {
          if (r.hash !== witnessed.hash) return { ok: false, rows: count, brokenAt: r.id, reason: 'truncated' };
          witnessSeen = true;
        }
        prev = r.hash;
        after = r.id;
      }
    }
  }
}
