import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { Jobs } from './jobs.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(() => t.close());

describe('the job runner', () => {
  it('a woken worker goes on with the jobs waiting, without sleeping its polling interval between them', async () => {
    const done: number[] = [];
    let allDone: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (allDone = resolve));
    const jobs = await Jobs.start({
      url: t.database.ownerUrl,
      // A worker that slept this long after each job would handle one job per worker, then
      // nothing more within this test's time limit.
      pollSeconds: 60,
      log: pino({ level: 'silent' }),
      queues: [
        {
          name: 'test-drain',
          workers: 2,
          handle: async (data) => {
            done.push((data as { n: number }).n);
            if (done.length === 12) allDone();
          },
        },
      ],
    });
    try {
      await jobs.insert(
        'test-drain',
        Array.from({ length: 12 }, (_, n) => ({ data: { n } })),
      );
      jobs.wake('test-drain');
      await finished;
      expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, n) => n));
    } finally {
      await jobs.stop();
    }
  }, 30_000);
});
