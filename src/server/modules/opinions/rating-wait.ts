import type { Db, Tx } from '../../db/database.js';
import { chinaDate, chinaToday } from '../../platform/calendar/dates.js';
import { addWorkingDays } from '../../platform/calendar/working-days.js';
import { AppError } from '../../platform/errors/errors.js';

/** The setting (LIAISON_OPINION_RATING_WAIT_DAYS): working days a constituent has to rate after the feedback. */
export interface RatingWait {
  ratingWaitDays: number;
}

/**
 * The China day from which a fed-back opinion nobody rated may be closed (as 未评价): the
 * `ratingWaitDays`-th working day after the latest feedback of this round. Null when no wait
 * applies (not fed back, nobody to rate, or no wait configured).
 */
export async function closableOn(
  db: Db | Tx,
  o: { state: string; contactable: boolean; fedBackAt: Date | null },
  wait: RatingWait,
): Promise<string | null> {
  if (o.state !== 'fedBack' || !o.contactable || !o.fedBackAt || wait.ratingWaitDays <= 0) return null;
  return addWorkingDays(db, chinaDate(o.fedBackAt), wait.ratingWaitDays);
}

/** Whether the wait still runs today. */
export const waitOpen = (day: string | null) => !!day && chinaToday() < day;

/** The refusal of an early close: it names the day from which closing becomes possible. */
export function ratingWaitError(day: string, wait: RatingWait): AppError {
  const vars = { days: String(wait.ratingWaitDays), closableOn: day };
  return new AppError('OPINION_RATING_WAIT', { closableOn: day, vars: { zh: vars, en: vars } });
}
