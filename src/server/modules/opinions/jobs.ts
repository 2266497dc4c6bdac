import type { QueueDefinition } from '../../platform/jobs/jobs.js';
import type { Platform } from '../../platform/context.js';
import { sweepDeadlines } from './supervision.js';

/** The deadline sweep of the closed loop, every 15 minutes on one worker at a time. */
export function opinionJobs(p: Platform): QueueDefinition[] {
  return [
    {
      name: 'opinions.sweep',
      policy: 'stately',
      cron: '*/15 * * * *',
      retryLimit: 2,
      expireInSeconds: 900,
      handle: async () => {
        await sweepDeadlines(p);
      },
    },
  ];
}
