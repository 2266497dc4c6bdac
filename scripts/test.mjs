// `npm test`: makes sure Chromium is there for the browser tests (installing it with apt-get on a
// Debian-like machine when it can), builds the console if its sources changed, then runs every
// test (unit, integration against real PostgreSQL, end-to-end in Chromium) with Vitest.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
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
const summaryFile = path.join(root, 'test-results/vitest.json');
fs.rmSync(summaryFile, { force: true });
const args = [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${summaryFile}`,
  ...process.argv.slice(2),
];
const vitest = spawnSync(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), ...args], {
  cwd: root,
  stdio: 'inherit',
});
// One plain closing line that any CI reader understands. The exit code also follows the report:
// Vitest can exit 0 with the JSON reporter on even when tests failed.
let failed = vitest.status !== 0;
if (fs.existsSync(summaryFile)) {
  const r = JSON.parse(fs.readFileSync(summaryFile, 'utf8'));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
  failed ||= !r.success || r.numFailedTests > 0 || r.numFailedTestSuites > 0;
} else failed = true;
process.exit(failed ? 1 : 0);
