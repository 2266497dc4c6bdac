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

  it('a worker taking jobs in batches runs each once; one that throws is retried alone', async () => {
    const runs = new Map<number, number>();
    let allDone: () => void = () => undefined;
    const finished = new Promise<void>((resolve) => (allDone = resolve));
    const jobs = await Jobs.start({
      url: t.database.ownerUrl,
      pollSeconds: 60,
      log: pino({ level: 'silent' }),
      queues: [
        {
          name: 'test-batch',
          batchSize: 5,
          retryLimit: 1,
          retryDelay: 0,
          handle: async (data) => {
            const { n } = data as { n: number };
            runs.set(n, (runs.get(n) ?? 0) + 1);
            // Job 3 fails the first time only; everything has run once, and job 3 twice, at the end.
            if (n === 3 && runs.get(3) === 1) throw new Error('first attempt fails');
            if (runs.size === 10 && runs.get(3) === 2) allDone();
          },
        },
      ],
    });
    try {
      await jobs.insert(
        'test-batch',
        Array.from({ length: 10 }, (_, n) => ({ data: { n } })),
      );
      jobs.wake('test-batch');
      // The retry waits for the next poll or wake: wake the worker until it has run.
      const waking = setInterval(() => jobs.wake('test-batch'), 200);
      await finished.finally(() => clearInterval(waking));
      expect(Object.fromEntries(runs)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 2, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1 });
    } finally {
      await jobs.stop();
    }
  }, 30_000);
});
