// `npm run test:at -- 2026-12-31T10:00+08:00 [vitest args …]`: the whole suite (or the files named)
// with the machine's clock moved to that moment, for every process the tests start: Node, the
// embedded PostgreSQL and Chromium alike (libfaketime, preloaded; the clock keeps running from
// there). It shows that no test and no screen depends on the day it runs: year ends, holidays,
// the first working day after the Spring Festival. Installs Debian's `faketime` when missing, as
// `npm test` does with Chromium.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [when, ...rest] = process.argv.slice(2);
const target = when ? new Date(when) : null;
if (!target || Number.isNaN(target.getTime())) {
  console.error('usage: npm run test:at -- <ISO date-time, e.g. 2026-12-31T10:00+08:00> [vitest args …]');
  process.exit(2);
}

const candidates = [
  process.env.FAKETIME_LIB,
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
].filter(Boolean);
let lib = candidates.find((f) => fs.existsSync(f));
if (!lib && process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get']).status === 0) {
  console.log('Installing faketime with apt-get …');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime', {
    stdio: 'inherit',
  });
  lib = candidates.find((f) => fs.existsSync(f));
}
if (!lib) {
  console.error('libfaketime is needed: apt-get install faketime (or set FAKETIME_LIB to libfaketime.so.1)');
  process.exit(1);
}

// A relative offset (in seconds) rather than a start time: every process, whenever it starts,
// sees the same shifted clock, so the server's and the database's "now" agree.
const offset = Math.round((target.getTime() - Date.now()) / 1000);
console.log(`Clock moved to ${target.toISOString()} (offset ${offset} s) for the test run`);
const res = spawnSync(process.execPath, [path.join(root, 'scripts/test.mjs'), ...rest], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    LD_PRELOAD: [lib, process.env.LD_PRELOAD].filter(Boolean).join(':'),
    FAKETIME: `${offset >= 0 ? '+' : ''}${offset}`,
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  },
});
process.exit(res.status ?? 1);
