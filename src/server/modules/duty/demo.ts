import type { Tx } from '../../db/database.js';
import type { RequestContext } from '../../platform/audit/audit.js';
import { chinaToday, yearOf } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import { servingDeputyIds } from '../deputies/duty-source.js';
import { syncInTx } from './sync.js';

/** The demo's records: what the demo's receptions, opinions and suggestions already tell (as the hourly job would). */
export async function seedDemoDuty(_p: Platform, trx: Tx, _ctx: RequestContext) {
  const year = yearOf(chinaToday());
  const ids = await servingDeputyIds(trx);
  await syncInTx(trx, year - 1, ids);
  await syncInTx(trx, year, ids);
}
