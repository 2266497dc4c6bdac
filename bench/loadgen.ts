/**
 * The load generator, run as a child process by the harness. It lives in its own process so that
 * autocannon's own work (building requests, parsing responses) does not share an event loop with
 * the server under test: on the same loop it would cost about as much per request as a bare
 * `node:http` handler and squash every ratio towards 1.
 */
import autocannon from 'autocannon';
import type { LoadJob, LoadReply, WindowResult } from './protocol.js';

function fire(job: LoadJob, seconds: number, latencies: number[] | null): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: job.url,
        connections: job.connections,
        // autocannon stops at the first 1-second sample after this; half a second short makes
        // that sample the one at `seconds`, not (timer jitter permitting) the one after it.
        duration: seconds - 0.5,
        timeout: job.timeoutSec,
        requests: job.requests,
      },
      (err, result) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(result)),
    );
    // autocannon keeps only its own fixed percentiles (no p95), so every latency is kept here.
    if (latencies) instance.on('response', (_client, status, _bytes, ms) => status < 300 && latencies.push(ms));
  });
}

async function run(job: LoadJob): Promise<WindowResult> {
  // Warm-up: JIT, connection pools, the first argon2 allocations; its figures are thrown away.
  const warmup = job.warmupSec > 0 ? await fire(job, job.warmupSec, null) : null;
  const latencies: number[] = [];
  const result = await fire(job, job.durationSec, latencies);
  return {
    ok: result['2xx'],
    warmupOk: warmup?.['2xx'] ?? 0,
    seconds: result.duration > 0 ? result.duration : job.durationSec,
    latencies: Float64Array.from(latencies),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count ?? 0]),
    ),
  };
}

let replied = false;

// The harness gone (killed, Ctrl-C) means nobody wants the figures: stop loading its ports.
process.once('disconnect', () => {
  if (!replied) process.exit(1);
});

process.once('message', (job: LoadJob) => {
  run(job).then(
    (window) => reply({ ok: true, window }),
    (err: unknown) => reply({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});

function reply(message: LoadReply) {
  replied = true;
  process.send!(message, () => process.disconnect());
}
