// Runs after `npm ci` / `npm install`: builds the console so that `npm start` serves it at once.
// Skipped where the build tools are not installed (a production install without dev packages).
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleIsStale, newestMtime } from './newer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (
  !fs.existsSync(path.join(root, 'node_modules/vite')) ||
  !fs.existsSync(path.join(root, 'src/web/console/vite.config.ts'))
) {
  console.log('prepare: vite or the console sources are missing; skipping the console build');
} else if (consoleIsStale(root)) {
  console.log('prepare: building the console …');
  execSync('npm run --silent build:console', { cwd: root, stdio: 'inherit' });
}

// The public portal, the same way.
const portalIndex = fs.statSync(path.join(root, 'dist/portal/index.html'), { throwIfNoEntry: false });
if (
  fs.existsSync(path.join(root, 'node_modules/vite')) &&
  fs.existsSync(path.join(root, 'src/web/portal/vite.config.ts')) &&
  (!portalIndex ||
    newestMtime(path.join(root, 'src/web/portal'), path.join(root, 'src/contracts')) > portalIndex.mtimeMs)
) {
  console.log('prepare: building the portal …');
  execSync('npm run --silent build:portal', { cwd: root, stdio: 'inherit' });
}
