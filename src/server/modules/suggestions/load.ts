// The columns the workflow, the clocks and the access rules read of one suggestion.
import { sql } from 'kysely';
import type { SuggestionRules, SuggestionState } from '../../../contracts/suggestions.js';
import type { Db, Tx } from '../../db/database.js';
import type { Actor } from '../../platform/access/policy.js';
import { chinaToday } from '../../platform/calendar/dates.js';
import { AppError } from '../../platform/errors/errors.js';
import { deputyOfAccount } from '../deputies/names.js';
import { rulesFor } from './clock.js';
import { canRead, capacitiesOf, type SuggestionScope } from './policy.js';
import type { Capacity, SuggestionFacts } from './workflow.js';

const day = (column: string) => sql<string | null>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

/** One suggestion's own row (dates as `YYYY-MM-DD`), optionally locked for the transaction. */
export function suggestionRow(db: Db | Tx, id: number, lock: boolean) {
  let q = db
    .selectFrom('suggestion as s')
    .innerJoin('congress_session as cs', 'cs.id', 's.session_id')
    .selectAll('s')
    .select([
      'cs.name as session_name',
      'cs.prefix as session_prefix',
      'cs.year as session_year',
      day('s.assigned_on').as('assigned_day'),
      day('s.paused_since').as('paused_day'),
      day('s.redo_due').as('redo_day'),
      day('s.return_by').as('return_day'),
      day('s.co_view_due').as('co_view_day'),
      day('s.rate_by').as('rate_day'),
      day('s.commitment_date').as('commitment_day'),
    ])
    .where('s.id', '=', id);
  if (lock) q = q.forUpdate('s');
  return q.executeTakeFirst();
}
export type SuggestionRow = NonNullable<Awaited<ReturnType<typeof suggestionRow>>>;

/** A suggestion with its scope, facts and rules; undefined when there is none. */
export async function loadSuggestion(db: Db | Tx, id: number, lock: boolean) {
  const row = await suggestionRow(db, id, lock);
  if (!row) return undefined;
  const [signers, units, rules] = await Promise.all([
    db.selectFrom('suggestion_signer').select(['deputy_id', 'state']).where('suggestion_id', '=', id).execute(),
    db
      .selectFrom('suggestion_unit')
      .select(['id', 'unit_id', 'unit_path', 'role', 'state', 'co_view'])
      .where('suggestion_id', '=', id)
      .orderBy('id')
      .execute(),
    rulesFor(db, row.org_path),
  ]);
  const scope: SuggestionScope = {
    orgPath: row.org_path,
    draft: row.state === 'draft',
    createdBy: row.created_by,
    leadDeputyId: row.lead_deputy_id,
    signers: signers.map((s) => ({ deputyId: s.deputy_id, state: s.state })),
    units: units
      .filter((u) => u.state === 'assigned' || u.state === 'answered')
      .map((u) => ({ unitPath: u.unit_path, role: u.role })),
    everUnitPaths: [...new Set(units.map((u) => u.unit_path))],
  };
  const today = chinaToday();
  const facts: SuggestionFacts = {
    state: row.state as SuggestionState,
    pendingInvitations: signers.filter((s) => s.state === 'invited').length,
    extensionPending: row.extension_pending !== null,
    paused: row.paused_since !== null,
    keySupervision: row.key_supervision,
    returnWindowOpen: !!row.return_day && today <= row.return_day,
    rateWindowPassed: !!row.rate_day && today > row.rate_day,
  };
  return { row, scope, facts, units, rules: rules as SuggestionRules };
}
export type Loaded = NonNullable<Awaited<ReturnType<typeof loadSuggestion>>>;

/** The deputy linked to the actor's account (id), or null. */
export async function actorDeputyId(db: Db | Tx, actor: Actor): Promise<number | null> {
  if (!actor.roles.some((g) => g.role === 'deputy')) return null;
  return (await deputyOfAccount(db, actor.userId))?.id ?? null;
}

/** The suggestion and the actor's capacities on it; "not found" when they may not read it. */
export async function loadForActor(db: Db | Tx, actor: Actor, id: number, lock: boolean) {
  const loaded = await loadSuggestion(db, id, lock);
  const deputyId = await actorDeputyId(db, actor);
  if (!loaded || !canRead(actor, deputyId, loaded.scope)) throw new AppError('NOT_FOUND');
  const capacities: Capacity[] = capacitiesOf(actor, deputyId, loaded.scope);
  return { ...loaded, deputyId, capacities };
}

/** The number as people say it: the session's prefix and 第 N 号. */
export function displayNumber(prefix: string, n: number | null) {
  return n === null ? null : `${prefix}第${n}号`;
}
