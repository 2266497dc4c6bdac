import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type RawBuilder, sql } from 'kysely';
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

/** What `AuditTrail.reserve` selects: the ids of a transaction's next rows, and its chain's last hash. */
export interface AuditReservation {
  ids: (number | string)[];
  hash: string | null;
}

/**
 * How many chains the trail has (the witness and `verify` follow this many). A transaction appends
 * to one (picked at random, then kept), under that chain's lock until its commit: that many audited
 * writes can commit at once. Each chain is a complete chain of its own; the rows from before there
 * were several are chain 0.
 */
export const AUDIT_CHAINS = 8;

/** The chain each open transaction appends to: one lock per transaction, so none can deadlock. */
const transactionChain = new WeakMap<Tx, number>();

/**
 * Recursively sorted keys, so the hash does not depend on how jsonb orders them; keys whose value
 * is undefined are left out. Every row's hash is made of this text: it must never change (the
 * trail's rows would no longer verify). Written as loops, not array chains: it was a third of
 * `verify`'s time.
 */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i ? ',' : '') + canonical(value[i]);
    return `${text}]`;
  }
  const obj = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined) continue;
    text += `${text.length > 1 ? ',' : ''}${JSON.stringify(key)}:${canonical(v)}`;
  }
  return `${text}}`;
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
  chain: number;
}

function chainHash(key: Buffer, row: ChainedFields) {
  // Chain 0 hashes as the single chain did, so rows written before there were chains still verify.
  const body = canonical({ ...row, at: row.at.toISOString(), chain: row.chain || undefined });
  return crypto.createHmac('sha256', key).update(body).digest('hex');
}

/** What `verify` finds; `since`: the witness line it started from, when it read only the rows after it. */
export interface VerifyResult {
  ok: boolean;
  rows: number;
  brokenAt?: number;
  reason?: string;
  since?: { id: number; at: string };
}

/** How `verify` runs: what it reads, and what it tells while it reads. */
export interface VerifyOptions {
  /** Only the rows written since about then (see `verify`). */
  since?: Date;
  /**
   * After each batch read: the rows checked so far, and about how many the check will read in all
   * (the newest id for the whole walk, the rows after the witness line otherwise; counted in the
   * check's own snapshot).
   */
  onProgress?: (rows: number, expected: number) => void | Promise<void>;
  /** Stops the walk between batches (throws the signal's reason). */
  signal?: AbortSignal;
  /** Rows read per statement (default 5,000). */
  batchSize?: number;
}

/** A note of the trail's newest row and of each chain's, kept outside the database (see `AuditTrail.witness`). */
interface WitnessLine {
  id: number;
  hash: string;
  at: string;
  mac: string;
  /** Each chain's newest row: [chain, id, hash] (lines written before there were chains have none). */
  heads?: [number, number, string][];
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
    /** How many chains it appends to (up to `AUDIT_CHAINS`; 1 writes as the single chain did, for comparison). */
    private readonly chains = AUDIT_CHAINS,
  ) {}

  private witnessMac(id: number, hash: string, at: string, heads?: WitnessLine['heads']) {
    const body = `witness|${id}|${hash}|${at}${heads ? `|${JSON.stringify(heads)}` : ''}`;
    return crypto.createHmac('sha256', this.key).update(body).digest('hex');
  }

  /** The witness file's lines as written, oldest first (none without a file). */
  private witnessText(): string[] {
    if (!this.witnessFile || !fs.existsSync(this.witnessFile)) return [];
    return fs.readFileSync(this.witnessFile, 'utf8').trim().split('\n').filter(Boolean);
  }

  /** A witness line, or 'forged' when it does not parse or its MAC is wrong. */
  private witnessLine(text: string): WitnessLine | 'forged' {
    try {
      const w = JSON.parse(text) as WitnessLine;
      return typeof w.id === 'number' && w.mac === this.witnessMac(w.id, w.hash, w.at, w.heads) ? w : 'forged';
    } catch {
      return 'forged';
    }
  }

  /** The last line of the witness file, or null when there is none; 'forged' when its MAC is wrong. */
  private lastWitness(): WitnessLine | 'forged' | null {
    const last = this.witnessText().at(-1);
    return last === undefined ? null : this.witnessLine(last);
  }

  /** Every line of the witness file, oldest first; 'forged' when any is. */
  private witnessLines(): WitnessLine[] | 'forged' {
    const lines = this.witnessText().map((t) => this.witnessLine(t));
    return lines.some((w) => w === 'forged') ? 'forged' : (lines as WitnessLine[]);
  }

  /**
   * Notes the chain's newest row in the witness file (a line a run, when it moved). A job does it
   * every few minutes; `verify` then reports rows deleted from the end.
   */
  async witness(db: Db): Promise<{ id: number; hash: string } | null> {
    if (!this.witnessFile) return null;
    // Each chain's newest row, one index probe a chain (never a scan of the trail).
    const { rows } = await sql<{ chain: number; id: string; hash: string }>`
      SELECT c.chain, h.id, h.hash
        FROM generate_series(0, ${AUDIT_CHAINS - 1}) AS c(chain)
        CROSS JOIN LATERAL (SELECT a.id, a.hash FROM audit_log a WHERE a.chain = c.chain
                             ORDER BY a.id DESC LIMIT 1) h`.execute(db);
    if (!rows.length) return null;
    const heads = rows.map((r): [number, number, string] => [r.chain, Number(r.id), r.hash]);
    const [, id, hash] = heads.reduce((a, b) => (b[1] > a[1] ? b : a));
    const head = { id, hash };
    const last = this.lastWitness();
    if (last && last !== 'forged' && last.id === head.id) return head;
    const at = new Date().toISOString();
    fs.mkdirSync(path.dirname(this.witnessFile), { recursive: true });
    fs.appendFileSync(
      this.witnessFile,
      `${JSON.stringify({ id, hash, at, mac: this.witnessMac(id, hash, at, heads), heads })}\n`,
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
   * Appends several rows, in order, in two round trips whatever their number (an import's one
   * row per changed record): the lock with the ids and the last hash, then the rows.
   */
  async recordMany(trx: Tx, ctx: RequestContext, entries: readonly AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    const { rows } = await sql<{ r: AuditReservation }>`SELECT ${this.reserve(trx, entries.length)} AS r`.execute(trx);
    const values = this.chained(trx, ctx, entries, rows[0]!.r);
    // 14 parameters a row: well under PostgreSQL's 65,535 per statement in chunks of 1,000.
    for (let i = 0; i < values.length; i += 1000)
      await trx
        .insertInto('audit_log')
        .values(values.slice(i, i + 1000))
        .execute();
  }

  /**
   * An expression that takes the transaction's chain lock and reserves `n` row ids, with the
   * chain's last hash: for a caller that folds its audit row into its own statements (selects this
   * with its first one, then inserts `insertChained(…)` with its next; the lock is held to the
   * commit either way).
   */
  reserve(trx: Tx, n: number): RawBuilder<AuditReservation> {
    // `audit_chain_next` takes the chain's lock, then reads its last hash in a statement of its own
    // (a statement reads with the snapshot it began with: the previous writer must have committed).
    return sql<AuditReservation>`(SELECT jsonb_build_object('ids', ids, 'hash', hash)
                                    FROM audit_chain_next(${this.chainOf(trx)}::smallint, ${n}))`;
  }

  /** The insert of up to 1,000 `entries`, chained after what `reserve` returned: to run, or to use as a CTE. */
  insertChained(trx: Tx, ctx: RequestContext, entries: readonly AuditEntry[], reserved: AuditReservation) {
    if (entries.length > 1000) throw new Error('insertChained: at most 1,000 rows a statement');
    return trx.insertInto('audit_log').values(this.chained(trx, ctx, entries, reserved));
  }

  /** The transaction's chain: picked at random on its first audit row, then kept. */
  private chainOf(trx: Tx) {
    let chain = transactionChain.get(trx);
    if (chain === undefined) transactionChain.set(trx, (chain = crypto.randomInt(Math.min(this.chains, AUDIT_CHAINS))));
    return chain;
  }

  /** The rows of `entries` with their hashes, each linked to the one before it, the first to `reserved.hash`. */
  private chained(trx: Tx, ctx: RequestContext, entries: readonly AuditEntry[], reserved: AuditReservation) {
    if (reserved.ids.length !== entries.length) throw new Error('audit: reserved ids do not match the rows');
    const chain = this.chainOf(trx);
    const ids = reserved.ids.map(Number).sort((x, y) => x - y);
    let prev = reserved.hash ?? GENESIS;
    const at = new Date();
    return entries.map((entry, i) => {
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
        chain,
      };
      const hash = chainHash(this.key, row);
      prev = hash;
      return { ...row, summary: JSON.stringify(summary), hash };
    });
  }

  /**
   * Walks the whole trail in order and reports the first row whose hash or link (to the row before
   * it in its chain) does not match: an edited, forged, removed or reordered row breaks it. Rows the
   * witness noted as a chain's head must still be there: a chain cut short still links up.
   *
   * With `since`: only the rows written after the newest witness line noted at or before that
   * moment, each chain from the head that line noted (which must still be there, unchanged), so
   * that a check of the last day reads a day, not the trail (a province's trail is read at about
   * 80,000 rows a second: `npm run bench:audit`). Rows before that line are not read: an edit there
   * is found by the whole walk only. Without such a line, the whole walk.
   */
  async verify(db: Db, opts: VerifyOptions = {}): Promise<VerifyResult> {
    // With `since` every line is read (one is chosen among them); without, the last one is enough.
    const lines = opts.since ? this.witnessLines() : null;
    const witnessed = lines ? (lines === 'forged' ? 'forged' : (lines.at(-1) ?? null)) : this.lastWitness();
    if (witnessed === 'forged') return { ok: false, rows: 0, reason: 'witness' };
    // id → hash of every row the witness saw at a chain's head (the newest row, for older lines).
    const expected = new Map<number, string>(
      witnessed ? (witnessed.heads ?? [[0, witnessed.id, witnessed.hash]]).map(([, id, hash]) => [id, hash]) : [],
    );
    const since = opts.since?.getTime();
    const from = lines && lines !== 'forged' ? lines.findLast((w) => w.heads && Date.parse(w.at) <= since!) : undefined;
    // One snapshot for the whole walk. The chains commit independently, so a row with a lower id
    // may commit after one with a higher id; read batch by batch outside one snapshot, a walk could
    // pass a row not yet committed and then see the next row of its chain link to it. In a single
    // snapshot a chain's rows are all there up to some row: its next row is written only after that
    // row's transaction committed (the chain's lock is held until commit).
    return db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (trx) => {
        const size = opts.batchSize ?? 5000;
        if (from) return this.walkChainsFrom(trx, from, expected, opts, size);
        const total = opts.onProgress
          ? Number(
              (
                await trx
                  .selectFrom('audit_log')
                  .select((e) => e.fn.max('id').as('n'))
                  .executeTakeFirst()
              )?.n ?? 0,
            )
          : 0;
        const prev = new Map<number, string>();
        let count = 0;
        let after = 0;
        for (;;) {
          opts.signal?.throwIfAborted();
          if (count) await opts.onProgress?.(count, Math.max(total, count));
          const batch = await trx
            .selectFrom('audit_log')
            .selectAll()
            .where('id', '>', after)
            .orderBy('id')
            .limit(size)
            .execute();
          if (batch.length === 0) {
            const missing = [...expected.keys()].sort((a, b) => a - b)[0];
            if (missing !== undefined) return { ok: false, rows: count, brokenAt: missing, reason: 'truncated' };
            return { ok: true, rows: count };
          }
          for (const r of batch) {
            count++;
            const { hash, ...fields } = r;
            if (chainHash(this.key, fields) !== hash) return { ok: false, rows: count, brokenAt: r.id, reason: 'hash' };
            if (r.prev_hash !== (prev.get(r.chain) ?? GENESIS))
              return { ok: false, rows: count, brokenAt: r.id, reason: 'link' };
            const seen = expected.get(r.id);
            if (seen !== undefined) {
              if (seen !== r.hash) return { ok: false, rows: count, brokenAt: r.id, reason: 'truncated' };
              expected.delete(r.id);
            }
            prev.set(r.chain, r.hash);
            after = r.id;
          }
        }
      });
  }

  /**
   * `verify` from a witness line: each chain on its own, from the head the line noted (a chain it
   * did not note had no rows then: from its first). A chain's rows are in id order and each was
   * committed after the one before, so the rows after the noted head are all the rows written
   * since. The earliest break of any chain is the answer, as the whole walk would give it.
   */
  private async walkChainsFrom(
    trx: Tx,
    from: WitnessLine,
    expected: Map<number, string>,
    opts: VerifyOptions,
    size: number,
  ): Promise<VerifyResult> {
    const heads = new Map(from.heads!.map(([chain, id, hash]) => [chain, { id, hash }]));
    const since = { id: from.id, at: from.at };
    const total = opts.onProgress
      ? Number(
          (
            await trx
              .selectFrom('audit_log')
              .select((e) => e.fn.countAll().as('n'))
              .where('id', '>', from.id)
              .executeTakeFirst()
          )?.n ?? 0,
        )
      : 0;
    let count = 0;
    type Break = { brokenAt: number; reason: string };
    // Set by `breaks` (a closure): declared wide, so the checks below are not narrowed to null.
    let broken = null as Break | null;
    // The earliest break of all chains is kept.
    const breaks = (brokenAt: number, reason: string) => {
      if (!broken || brokenAt < broken.brokenAt) broken = { brokenAt, reason };
    };
    for (let chain = 0; chain < AUDIT_CHAINS; chain++) {
      const head = heads.get(chain);
      let prev = head?.hash ?? GENESIS;
      let after = head ? head.id - 1 : 0;
      walk: for (;;) {
        opts.signal?.throwIfAborted();
        if (count) await opts.onProgress?.(count, Math.max(total, count));
        const batch = await trx
          .selectFrom('audit_log')
          .selectAll()
          .where('chain', '=', chain)
          .where('id', '>', after)
          .orderBy('id')
          .limit(size)
          .execute();
        if (head && after === head.id - 1 && batch[0]?.id !== head.id) {
          // The noted head is gone: the chain was cut back past it.
          breaks(head.id, 'truncated');
          break;
        }
        if (batch.length === 0) break;
        for (const r of batch) {
          // The noted head is read again (to see it is still there, unchanged), not counted: it was written before.
          if (r.id !== head?.id) count++;
          const { hash, ...fields } = r;
          const fault =
            chainHash(this.key, fields) !== hash
              ? 'hash'
              : r.id === head?.id
                ? hash !== head.hash
                  ? 'truncated'
                  : null
                : r.prev_hash !== prev
                  ? 'link'
                  : null;
          if (fault) {
            breaks(r.id, fault);
            break walk;
          }
          const seen = expected.get(r.id);
          if (seen !== undefined) {
            if (seen !== hash) {
              breaks(r.id, 'truncated');
              break walk;
            }
            expected.delete(r.id);
          }
          prev = hash;
          after = r.id;
        }
      }
    }
    if (broken) return { ok: false, rows: count, ...broken, since };
    // A head the newest line noted that was not met: removed (or before the line, where the walk
    // starts after it: then it must be there still).
    for (const [id, hash] of [...expected].sort(([a], [b]) => a - b)) {
      const row = await trx.selectFrom('audit_log').select('hash').where('id', '=', id).executeTakeFirst();
      if (row?.hash !== hash) return { ok: false, rows: count, brokenAt: id, reason: 'truncated', since };
    }
    return { ok: true, rows: count, since };
  }
}
