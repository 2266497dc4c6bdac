import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform } from '../../../../test/support/db.js';
import { Jobs, type QueueDefinition } from './jobs.js';

let t: Awaited<ReturnType<typeof createTestPlatform>>;
beforeAll(async () => {
  t = await createTestPlatform();
});
afterAll(() => t.close());

/**
 * Starts a job runner with the one queue `q`, whose handler is given each job's number and a
 * callback to say it is finished; queues jobs 0 … count − 1 and resolves once it is finished. The
 * workers poll every 60 s: one that slept its polling interval between jobs would not finish in
 * the test's time limit. `wakeEvery` wakes the workers meanwhile (a retry waits for a poll or a wake).
 */
async function runJobs(
  q: Omit<QueueDefinition, 'handle'>,
  count: number,
  handle: (n: number, finished: () => void) => void,
  wakeEvery?: number,
) {
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const jobs = await Jobs.start({
    url: t.database.ownerUrl,
    pollSeconds: 60,
    log: pino({ level: 'silent' }),
    queues: [{ ...q, handle: async (data) => handle((data as { n: number }).n, finish) }],
  });
  const waking = wakeEvery ? setInterval(() => jobs.wake(q.name), wakeEvery) : undefined;
  try {
    await jobs.insert(
      q.name,
      Array.from({ length: count }, (_, n) => ({ data: { n } })),
    );
    jobs.wake(q.name);
    await finished;
  } finally {
    clearInterval(waking);
    await jobs.stop();
  }
}

describe('the job runner', () => {
  it('a woken worker goes on with the jobs waiting, without sleeping its polling interval between them', async () => {
    const done: number[] = [];
    await runJobs({ name: 'test-drain', workers: 2 }, 12, (n, finished) => {
      done.push(n);
      if (done.length === 12) finished();
    });
    expect([...done].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, n) => n));
  }, 30_000);

  it('a worker taking jobs in batches runs each once; one that throws is retried alone', async () => {
    const runs = new Map<number, number>();
    await runJobs(
      { name: 'test-batch', batchSize: 5, retryLimit: 1, retryDelay: 0 },
      10,
      (n, finished) => {
        runs.set(n, (runs.get(n) ?? 0) + 1);
        // Job 3 fails the first time only; all have run once, and job 3 twice, at the end.
        if (n === 3 && runs.get(3) === 1) throw new Error('first attempt fails');
        if (runs.size === 10 && runs.get(3) === 2) finished();
      },
      200,
    );
    expect(Object.fromEntries(runs)).toEqual({ 0: 1, 1: 1, 2: 1, 3: 2, 4: 1, 5: 1, 6: 1, 7: 1, 8: 1, 9: 1 });
  }, 30_000);
});
