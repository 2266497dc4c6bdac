import { authorize, scopesFor, type Actor } from '../access/policy.js';
import { AppError } from '../errors/errors.js';

/** Every staff role may read the calendar (deadlines and reception plans depend on it). */
export function authorizeRead(actor: Actor) {
  authorize(actor, 'calendar.read');
}

/**
 * The calendar is one for the whole deployment, so correcting it needs `calendar.manage` held on a
 * top-level organisation (the standing committee at the root of a tree), not on a street.
 */
export function authorizeManage(actor: Actor) {
  authorize(actor, 'calendar.manage');
  if (!scopesFor(actor, 'calendar.manage').some((path) => !path.includes('.'))) throw new AppError('FORBIDDEN');
}
