// `npm run test:busy [-- vitest args]`: the test suite (`npm test`) while a CPU hog keeps every
// core busy, as on a loaded CI machine. Browser steps must wait for states, never for time: this
// is how that is checked. The hog runs at normal priority in worker threads and stops with the run.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

const cores = os.availableParallelism();
const hogs = Array.from({ length: cores }, () => new Worker('for (;;) { Math.sqrt(Math.random()); }', { eval: true }));
console.log(`test:busy: ${cores} busy threads running beside the tests`);
const started = Date.now();
const child = spawn(process.execPath, ['scripts/test.mjs', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => {
  for (const h of hogs) void h.terminate();
  console.log(`test:busy: finished in ${Math.round((Date.now() - started) / 1000)} s with exit code ${code}`);
  process.exit(code ?? 1);
});
