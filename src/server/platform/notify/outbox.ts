import { type Kysely, type Transaction, sql } from 'kysely';
import { messageTypes, type MessageTypeSpec } from '../../../contracts/notify.js';
import type { DB } from '../../db/schema.js';

/**
 * One message a use case wants sent, written into the outbox in the use case's own transaction:
 * if the transaction rolls back, the message never existed. Delivery happens later, by jobs.
 */
export interface OutboxMessage {
  /** A type of `messageTypes` in src/contracts/notify.ts, e.g. 'opinion.receipt', 'opinion.assigned'. */
  type: string;
  to: {
    /** A staff user: channels by their preferences. */
    userId?: number;
    /** Everyone holding a role on this organisation (resolved at delivery). */
    orgId?: number;
    /** A constituent's phone, as sealed by `platform.fields.encrypt`; decrypted at delivery. */
    phoneSealed?: string;
    /** An e-mail address (sealed into the delivery and wiped from the outbox once expanded). */
    email?: string;
  };
  /** The template's variables; every variable of the type must be there. */
  vars: Record<string, string | number>;
  /** Urgent messages ignore quiet hours. */
  urgent?: boolean;
  /** Messages with the same key are sent once (the later ones are dropped). */
  dedupeKey?: string;
  /** Whose outbox screen shows it; defaults to the organisation of `to.orgId` or of `to.userId`. */
  scopeOrgId?: number;
  /** Where the in-app message leads: a console path such as `/opinions/42`. */
  link?: string;
}

/** The channel PostgreSQL notifies on commit, so that the jobs pick new messages up at once. */
export const OUTBOX_CHANNEL = 'liaison_outbox';

/** A mistake of the calling code (unknown type, missing variable): thrown, never swallowed. */
export class OutboxMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxMessageError';
  }
}

/** Checks a message against its type's spec; throws OutboxMessageError naming what is wrong. */
export function checkMessage(message: OutboxMessage): MessageTypeSpec {
  const spec = (messageTypes as Record<string, MessageTypeSpec>)[message.type];
  if (!spec)
    throw new OutboxMessageError(
      `unknown message type "${message.type}"; known: ${Object.keys(messageTypes).join(', ')}`,
    );
  const missing = spec.vars.filter((v) => message.vars[v] === undefined || message.vars[v] === '');
  if (missing.length) throw new OutboxMessageError(`${message.type}: missing variables ${missing.join(', ')}`);
  for (const [k, v] of Object.entries(message.vars)) {
    if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)))
      throw new OutboxMessageError(`${message.type}: variable ${k} must be a string or a finite number`);
  }
  for (const v of spec.secretVars ?? []) {
    if (!String(message.vars[v]).startsWith('s1.'))
      throw new OutboxMessageError(`${message.type}: secret variable ${v} must be sealed with platform.fields`);
  }
  const { userId, orgId, phoneSealed, email } = message.to;
  if (userId === undefined && orgId === undefined && !phoneSealed && !email)
    throw new OutboxMessageError(`${message.type}: no recipient`);
  if (spec.audience === 'constituent' && (userId !== undefined || orgId !== undefined))
    throw new OutboxMessageError(`${message.type}: is for constituents (phone or e-mail), not staff`);
  if (phoneSealed !== undefined && !phoneSealed.startsWith('s1.'))
    throw new OutboxMessageError(`${message.type}: to.phoneSealed must be sealed with platform.fields`);
  if (email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(email))
    throw new OutboxMessageError(`${message.type}: to.email is not an e-mail address`);
  if (message.dedupeKey !== undefined && (message.dedupeKey.length === 0 || message.dedupeKey.length > 200))
    throw new OutboxMessageError(`${message.type}: dedupeKey must be 1–200 characters`);
  return spec;
}

/**
 * The outbox's insert of `message` (checked), for a use case that writes it in a statement of its
 * own (`enqueue`) or in one with its other rows (a data-modifying CTE: one round trip for all).
 * A message whose `dedupeKey` was already used is dropped.
 */
export function outboxInsert(db: Transaction<DB> | Kysely<DB>, message: OutboxMessage) {
  checkMessage(message);
  const scope = message.scopeOrgId ?? message.to.orgId ?? null;
  const orgPath = scope
    ? sql<string>`(SELECT path FROM organization WHERE id = ${scope})`
    : message.to.userId !== undefined
      ? sql<string>`(SELECT o.path FROM app_user u JOIN organization o ON o.id = u.org_id WHERE u.id = ${message.to.userId})`
      : null;
  return (
    db
      .insertInto('notify_message')
      .values({
        type: message.type,
        to_user_id: message.to.userId ?? null,
        to_org_id: message.to.orgId ?? null,
        to_phone_sealed: message.to.phoneSealed ?? null,
        to_email: message.to.email ?? null,
        vars: JSON.stringify(message.vars),
        urgent: message.urgent ?? false,
        dedupe_key: message.dedupeKey ?? null,
        org_path: orgPath,
        link: message.link ?? null,
      })
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      // The wake-up rides on the insert (one round trip less); PostgreSQL delivers it only when (and
      // if) the transaction commits, and only when a row went in (a duplicate wakes nobody).
      .returning(sql<string>`pg_notify(${OUTBOX_CHANNEL}, '')`.as('woken'))
  );
}

/**
 * Writes a message into the outbox inside the caller's transaction (or alone, given the plain
 * connection). Nothing is sent here: the jobs deliver it after commit, with retries. A message
 * whose `dedupeKey` was already used is dropped.
 */
export async function enqueue(trx: Transaction<DB> | Kysely<DB>, message: OutboxMessage): Promise<void> {
  await outboxInsert(trx, message).execute();
}
