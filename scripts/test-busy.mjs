// `npm run test:busy [-- --times N] [-- vitest args]`: the test suite (`npm test`) while a CPU hog
// keeps every core busy, as on a loaded CI machine. Browser steps must wait for states, never for
// time: this is how that is checked. `--times N` runs it N times in a row (stopping at the first
// failure) and prints each run's time. The hog runs at normal priority in worker threads of this
// process and stops with it. E.g. the browser suite three times: `npm run test:busy -- --times 3 --project e2e`.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

const args = process.argv.slice(2);
let times = 1;
const at = args.indexOf('--times');
if (at >= 0) {
  times = Number(args[at + 1]);
  if (!Number.isInteger(times) || times < 1) {
    console.error('test:busy: --times needs a whole number ≥ 1');
    process.exit(2);
  }
  args.splice(at, 2);
}

const cores = os.availableParallelism();
const hogs = Array.from({ length: cores }, () => new Worker('for (;;) { Math.sqrt(Math.random()); }', { eval: true }));
console.log(`test:busy: ${cores} busy threads running beside the tests`);
const stopHogs = () => Promise.all(hogs.map((h) => h.terminate()));
process.on('SIGINT', () => void stopHogs().then(() => process.exit(130)));

const results = [];
let code = 0;
for (let run = 1; run <= times && code === 0; run++) {
  const started = Date.now();
  // spawnSync blocks this thread only: the hogs go on in theirs.
  const child = spawnSync(process.execPath, ['scripts/test.mjs', ...args], { stdio: 'inherit' });
  code = child.status ?? 1;
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push(`run ${run}: ${seconds} s, exit code ${code}`);
  console.log(`test:busy: run ${run} of ${times} finished in ${seconds} s with exit code ${code}`);
}
await stopHogs();
console.log(`test:busy: ${results.join('; ')}`);
process.exit(code);
