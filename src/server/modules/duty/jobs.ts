import { chinaToday, yearOf } from '../../platform/calendar/dates.js';
import type { Platform } from '../../platform/context.js';
import type { QueueDefinition } from '../../platform/jobs/jobs.js';
import { sendRatingInvites } from './reception-ratings.js';
import { syncActivities } from './sync.js';

/**
 * The hourly pull into the record of what receptions, opinions and suggestions know (this year; in
 * January also last year): reading a record never writes, so this keeps it current.
 */
export function dutyJobs(p: Platform): QueueDefinition[] {
  return [
    {
      name: 'duty.sync',
      policy: 'stately',
      cron: '40 * * * *',
      retryLimit: 2,
      expireInSeconds: 3600,
      handle: async () => {
        const today = chinaToday();
        const year = yearOf(today);
        if (today.slice(5, 7) === '01') await syncActivities(p, year - 1);
        await syncActivities(p, year);
      },
    },
    {
      // Visitors who booked a reception get the SMS asking them to rate it, once, after it closed.
      name: 'duty.receptionRatingInvites',
      policy: 'stately',
      cron: '25 * * * *',
      retryLimit: 2,
      expireInSeconds: 1800,
      handle: async () => {
        await sendRatingInvites(p);
      },
    },
  ];
}
