// `npm test`: makes sure Chromium is there for the browser tests (installing it with apt-get on a
// Debian-like machine when it can), builds the console if its sources changed, then runs every
// test (unit, integration against real PostgreSQL, end-to-end in Chromium) with Vitest: the unit
// and the browser projects side by side, each line of their output marked [unit] or [e2e].
import { execSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { consoleIsStale, newestMtime } from './newer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && /Noto (Sans|Serif) CJK/.test(r.stdout);
}

function ensureChromium() {
  if (fs.existsSync(CHROMIUM) && hasCjkFont()) return;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(
      `The browser tests need Chromium at ${CHROMIUM} and a Chinese font.\n` +
        `On Debian or Ubuntu, as root: apt-get update && apt-get install -y chromium fonts-noto-cjk\n` +
        `Elsewhere, install Chromium and set CHROMIUM_PATH to its executable.`,
    );
    process.exit(1);
  }
  console.log('Installing Chromium and the Noto CJK fonts with apt-get …');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk', {
    stdio: 'inherit',
  });
}

/** Whether the built portal is missing or older than its sources. */
function portalIsStale() {
  const built = fs.statSync(path.join(root, 'dist/portal/index.html'), { throwIfNoEntry: false });
  return !built || newestMtime(path.join(root, 'src/web/portal'), path.join(root, 'src/contracts')) > built.mtimeMs;
}

ensureChromium();
if (consoleIsStale(root)) {
  console.log('Building the console …');
  execSync('npm run --silent build:console', { cwd: root, stdio: 'inherit' });
}
if (portalIsStale()) {
  console.log('Building the portal …');
  execSync('npm run --silent build:portal', { cwd: root, stdio: 'inherit' });
}
const vitestBin = path.join(root, 'node_modules/vitest/vitest.mjs');
const extra = process.argv.slice(2);

/** Runs Vitest with `args`; resolves to its exit status and the JSON summary it wrote (or null). */
function runVitest(args, name, prefix) {
  const summaryFile = path.join(root, `test-results/vitest${name ? `-${name}` : ''}.json`);
  fs.rmSync(summaryFile, { force: true });
  const all = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${summaryFile}`, ...args];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [vitestBin, ...all], {
      cwd: root,
      stdio: prefix ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    if (prefix)
      for (const [from, to] of [
        [child.stdout, process.stdout],
        [child.stderr, process.stderr],
      ])
        readline.createInterface({ input: from }).on('line', (line) => to.write(`${prefix} ${line}\n`));
    child.on('close', (status) => {
      const summary = fs.existsSync(summaryFile) ? JSON.parse(fs.readFileSync(summaryFile, 'utf8')) : null;
      resolve({ status, summary });
    });
  });
}

// The browser project runs one file at a time and waits on the browser more than on the CPU: with
// no arguments it runs beside the unit project, in a Vitest of its own (each Vitest starts its own
// embedded PostgreSQL; with TEST_DATABASE_URL both would share one template, so one after the
// other). Arguments (a project, files, options) go to a single Vitest as given.
const together = extra.length === 0 && !process.env.TEST_DATABASE_URL;
const runs = together
  ? await Promise.all([
      runVitest(['--project', 'unit'], 'unit', '[unit]'),
      runVitest(['--project', 'e2e'], 'e2e', '[e2e]'),
    ])
  : [await runVitest(extra, '', '')];

// One plain closing line that any CI reader understands. The exit code also follows the report:
// Vitest can exit 0 with the JSON reporter on even when tests failed.
let failed = false;
let passed = 0;
let failedTests = 0;
let skipped = 0;
for (const { status, summary } of runs) {
  failed ||= status !== 0 || !summary;
  if (!summary) continue;
  passed += summary.numPassedTests;
  failedTests += summary.numFailedTests;
  skipped += summary.numPendingTests + summary.numTodoTests;
  failed ||= !summary.success || summary.numFailedTests > 0 || summary.numFailedTestSuites > 0;
}
console.log(`Tests: ${passed} passed, ${failedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
