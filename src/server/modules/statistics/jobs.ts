import type { Platform } from '../../platform/context.js';
import type { QueueDefinition } from '../../platform/jobs/jobs.js';
import { catchUp } from './rollup.js';

/** Half a minute between the two catch-ups of one run: the rollups stay at most about 30 s behind. */
const SECOND_PASS_MS = 30_000;

/**
 * The rollup catch-up, every minute on one worker at a time, twice per run (cron's finest step is
 * a minute; the second pass halves the lag).
 */
export function statisticsJobs(p: Platform): QueueDefinition[] {
  return [
    {
      name: 'statistics.rollup',
      policy: 'stately',
      cron: '* * * * *',
      retryLimit: 1,
      expireInSeconds: 600,
      handle: async () => {
        await catchUp(p.db);
        await new Promise((r) => setTimeout(r, SECOND_PASS_MS).unref());
        await catchUp(p.db);
      },
    },
  ];
}
