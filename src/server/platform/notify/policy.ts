import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import { authorize, can, inScope, scopesFor, type Actor } from '../access/policy.js';
import { AppError } from '../errors/errors.js';

/**
 * Who sees and handles the outbox: a delivery belongs to the organisation of its message (the
 * opinion's station, the addressed unit or user). Messages without one (rare: a one-time code)
 * belong to the top of the tree: only those who hold the action on a root organisation see them.
 */
function holdsRoot(actor: Actor, action: 'notify.read' | 'notify.manage') {
  return scopesFor(actor, action).some((s) => !s.includes('.'));
}

/** SQL condition: the message's organisation path (may be NULL) is in the actor's scope. */
export function outboxScope(
  actor: Actor,
  action: 'notify.read' | 'notify.manage',
  path: Expression<string | null>,
): RawBuilder<SqlBool> {
  const scoped = inScope(actor, action, path as Expression<string>);
  return holdsRoot(actor, action) ? sql<SqlBool>`(${scoped} OR ${path} IS NULL)` : scoped;
}

/** Reading a delivery: `notify.read` over its message's organisation; otherwise it does not exist. */
export function authorizeDeliveryRead(actor: Actor, orgPath: string | null) {
  if (orgPath === null) {
    if (!holdsRoot(actor, 'notify.read')) throw new AppError('NOT_FOUND');
    return;
  }
  authorize(actor, 'notify.read', { orgPath });
}

/** Retrying or cancelling a delivery: `notify.manage` over its message's organisation. */
export function authorizeDeliveryManage(actor: Actor, orgPath: string | null) {
  authorizeDeliveryRead(actor, orgPath);
  const ok = orgPath === null ? holdsRoot(actor, 'notify.manage') : can(actor, 'notify.manage', { orgPath });
  if (!ok) throw new AppError('FORBIDDEN');
}
