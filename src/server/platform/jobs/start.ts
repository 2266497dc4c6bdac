import type { Logger } from 'pino';
import { ConfigError } from '../../config.js';
import type { Platform } from '../context.js';
import { buildChannels } from '../notify/channels/index.js';
import { purgeRateCounters } from '../http/rate-limit.js';
import { notifyJobs } from '../notify/jobs.js';
import { checkTemplates } from '../notify/templates.js';
import type { ModuleManifest } from '../modules.js';
import { Jobs } from './jobs.js';

export interface RunningJobs {
  jobs: Jobs;
  stop(): Promise<void>;
}

/** Checks the notification settings and templates; throws ConfigError listing every problem. */
export function checkJobSettings(p: Pick<Platform, 'config'>) {
  const problems = checkTemplates(p.config.notify.sms);
  if (problems.length) throw new ConfigError(problems);
}

/**
 * Starts the job runner of this process: pg-boss with the notification queues and the outbox
 * listener, and every module's queues and schedules. `url` must be allowed to create pg-boss's
 * schema (the owner's URL).
 */
export async function startJobs(
  p: Platform,
  url: string,
  log: Pick<Logger, 'info' | 'warn' | 'error'>,
  modules: readonly ModuleManifest[],
): Promise<RunningJobs> {
  checkJobSettings(p);
  let channels;
  try {
    channels = buildChannels(p.config.notify, log);
  } catch (err) {
    throw new ConfigError([(err as Error).message]);
  }
  if (p.config.env === 'production' && (channels.sms.provider === 'console' || channels.email.provider === 'console'))
    log.warn(
      { sms: channels.sms.provider, email: channels.email.provider },
      'messages are only printed, not sent: set LIAISON_SMS_PROVIDER / LIAISON_EMAIL_PROVIDER',
    );
  const notify = notifyJobs(p, channels, log);
  const jobs = await Jobs.start({
    url,
    pollSeconds: p.config.jobs.pollSeconds,
    log,
    queues: [
      ...notify.queues,
      ...modules.flatMap((m) => m.jobs?.(p) ?? []),
      // Rate-limit windows older than two days count for nothing: removed hourly.
      {
        name: 'platform.purge',
        policy: 'stately',
        cron: '15 * * * *',
        retryLimit: 1,
        handle: () => purgeRateCounters(p.db),
      },
      // The audit chain's head noted outside the database, so that a cut-off tail shows.
      {
        name: 'audit.witness',
        policy: 'stately',
        cron: '*/5 * * * *',
        retryLimit: 2,
        expireInSeconds: 300,
        handle: async () => {
          await p.audit.witness(p.db);
        },
      },
    ],
    listeners: notify.listeners,
  });
  return {
    jobs,
    stop: async () => {
      await jobs.stop();
      channels.close();
    },
  };
}
