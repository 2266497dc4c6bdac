import type { Logger } from 'pino';
import type { Jobs, Listener, QueueDefinition } from '../jobs/jobs.js';
import type { Platform } from '../context.js';
import type { Channels } from './channels/index.js';
import { attemptDelivery, claimDue, expandPending, markQueued, recoverInterrupted, wipeSecrets } from './delivery.js';
import { purgeOtp } from './otp.js';
import { OUTBOX_CHANNEL } from './outbox.js';

export const DISPATCH_QUEUE = 'notify-dispatch';
export const DELIVER_QUEUE = 'notify-deliver';
export const SWEEP_QUEUE = 'notify-sweep';

/**
 * The dispatcher: picks up interrupted sends, turns new outbox messages into deliveries and queues
 * a delivery job for every delivery that is due. It runs when a transaction that wrote to the
 * outbox commits (NOTIFY), every minute (retries after quiet hours, lost jobs), and at start.
 */
export async function dispatch(
  p: Platform,
  jobs: Pick<Jobs, 'insert' | 'wake'>,
  log: Pick<Logger, 'error'> = { error: () => undefined },
) {
  await recoverInterrupted(p);
  const failed = (messageId: number, err: unknown) =>
    log.error({ err, messageId }, 'an outbox message could not be expanded; it was cancelled');
  while ((await expandPending(p, 100, failed)) === 100) {
    /* more waiting */
  }
  for (;;) {
    const due = await claimDue(p, 500);
    const now = Date.now();
    await jobs.insert(
      DELIVER_QUEUE,
      due.map((d) => ({ data: { id: d.id }, startAfter: d.at.getTime() > now ? d.at : undefined })),
    );
    if (due.length < 500) break;
  }
  jobs.wake(DELIVER_QUEUE);
}

/**
 * Once a minute, for the whole installation (a cron job: one run per minute whatever the number of
 * processes): wipes the secrets nothing will send any more and purges old one-time codes. Not part
 * of the dispatcher, which runs after every commit that wrote to the outbox (50 a second at a peak).
 */
export async function sweep(p: Platform) {
  await wipeSecrets(p);
  await purgeOtp(p);
}

/** The notification queues and the outbox listener, for the job runner. */
export function notifyJobs(
  p: Platform,
  channels: Channels,
  log: Pick<Logger, 'error'> = { error: () => undefined },
): { queues: QueueDefinition[]; listeners: Listener[] } {
  const dispatcher: QueueDefinition = {
    name: DISPATCH_QUEUE,
    policy: 'stately',
    retryLimit: 2,
    retryDelay: 5,
    cron: '* * * * *',
    handle: (_data, jobs) => dispatch(p, jobs, log),
  };
  const sweeper: QueueDefinition = {
    name: SWEEP_QUEUE,
    policy: 'stately',
    retryLimit: 1,
    retryDelay: 30,
    cron: '* * * * *',
    handle: () => sweep(p),
  };
  const deliverer: QueueDefinition<{ id: number }> = {
    name: DELIVER_QUEUE,
    workers: 4,
    // A receipt per registration at 50 a second: ten per fetch and per completion, not one.
    batchSize: 10,
    retryLimit: 3,
    retryDelay: 10,
    // A send is bounded by its own time-out; pg-boss expires a job far later only if a worker hangs.
    expireInSeconds: 120,
    handle: async ({ id }, jobs) => {
      const outcome = await attemptDelivery(p, channels, id);
      if (outcome.status === 'retrying') {
        await markQueued(p, id, outcome.nextAt);
        await jobs.send(DELIVER_QUEUE, { id }, { startAfter: outcome.nextAt });
      }
    },
  };
  const listener: Listener = {
    channel: OUTBOX_CHANNEL,
    onNotify: (jobs) => {
      void jobs
        .send(DISPATCH_QUEUE, {})
        .then(() => jobs.wake(DISPATCH_QUEUE))
        .catch(() => undefined); // the minute sweep picks the messages up anyway
    },
  };
  return { queues: [dispatcher, sweeper, deliverer as QueueDefinition], listeners: [listener] };
}
