import type { Tx } from '../../db/database.js';
import { opinionsChangedSince } from '../opinions/rollup-source.js';
import { refreshOpinions } from './rollup.js';

/** The demo's rollups, made in the demo's transaction after its opinions (the job keeps them current after). */
export async function seedDemoStatistics(_p: unknown, trx: Tx) {
  const changed = await opinionsChangedSince(trx, 0, 100_000);
  await refreshOpinions(trx, changed.ids);
}
