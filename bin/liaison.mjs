#!/usr/bin/env node
// The `liaison` command. In production the compiled server runs; otherwise the TypeScript
// sources run directly (tsx), so that `npm start` never serves a stale build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const compiled = path.join(root, 'dist/server/main.js');
if (process.env.NODE_ENV === 'production' && fs.existsSync(compiled)) {
  await import(pathToFileURL(compiled).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(path.join(root, 'src/server/main.ts')).href);
}
