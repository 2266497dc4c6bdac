/**
 * One stream of the soak (bench/soak.ts), run as a child process: autocannon at a fixed overall
 * rate for the whole soak, its responses counted per minute from the soak's common start, each
 * minute sent to the parent as soon as it is over (so a soak stopped half-way keeps its minutes).
 */
import autocannon from 'autocannon';
import type { SoakJob, SoakMinute, SoakMessage } from './protocol.js';

function minuteOf(job: SoakJob, at: number) {
  return Math.floor((at - job.startAt) / 60_000);
}

function run(job: SoakJob) {
  type Bucket = Omit<SoakMinute, 'latencies'> & { latencies: number[] };
  const minutes = new Map<number, Bucket>();
  const bucket = (m: number) => {
    let b = minutes.get(m);
    if (!b) {
      b = { stream: job.stream, minute: m, ok: 0, non2xx: 0, errors: 0, statusCodes: {}, latencies: [] };
      minutes.set(m, b);
    }
    return b;
  };
  const flush = (upTo: number) => {
    for (const [m, b] of [...minutes].sort((a, c) => a[0] - c[0])) {
      if (m >= upTo) break;
      minutes.delete(m);
      send({ kind: 'minute', minute: { ...b, latencies: Float64Array.from(b.latencies) } });
    }
  };
  const ticker = setInterval(() => flush(minuteOf(job, Date.now())), 1_000);
  const instance = autocannon(
    {
      url: job.url,
      connections: job.connections,
      overallRate: job.rate,
      duration: job.durationSec,
      timeout: job.timeoutSec,
      requests: job.requests,
    },
    (err, result) => {
      if (err) throw err;
      clearInterval(ticker);
      flush(Number.POSITIVE_INFINITY);
      send({ kind: 'done', sent: (result.requests as { sent?: number }).sent ?? Number.NaN });
    },
  );
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    const b = bucket(minuteOf(job, Date.now()));
    b.statusCodes[status] = (b.statusCodes[status] ?? 0) + 1;
    if (status < 300) {
      b.ok++;
      b.latencies.push(ms);
    } else b.non2xx++;
  });
  instance.on('reqError', () => {
    bucket(minuteOf(job, Date.now())).errors++;
  });
}

function send(message: SoakMessage) {
  process.send!(message);
  if (message.kind === 'done') process.disconnect();
}

process.once('disconnect', () => process.exit(0));
process.once('message', (job: SoakJob) => {
  const wait = job.startAt - Date.now();
  setTimeout(() => run(job), Math.max(0, wait));
});
