import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve(import.meta.dirname, '../bin/liaison.mjs');

describe('liaison serve', () => {
  it('starts on an empty data dir with the demo district, answers, and stops cleanly on SIGTERM', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-serve-'));
    fs.chmodSync(dataDir, 0o755);
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--log-level', 'warn', '--data-dir', dataDir], {
      env: { ...process.env, DATABASE_URL: '', NODE_ENV: 'development', LIAISON_SECRET: '' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start within 45 s:\n${out}`)), 45_000);
        child.stdout.on('data', () => {
          const m = /listening at (http:\/\/\S+)\/console\//.exec(out);
          if (m) {
            clearTimeout(timer);
            resolve(m[1]!);
          }
        });
        child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
      });
      expect(out).toContain('xinqi.officer');
      expect(await (await fetch(`${url}/api/ready`)).json()).toEqual({ status: 'ready' });
      const home = await fetch(`${url}/`, { redirect: 'manual' });
      // `/` is the public portal once it is built (npm run build:portal), the console until then.
      if (fs.existsSync(path.resolve(import.meta.dirname, '../dist/portal/index.html')))
        expect(await home.text()).toContain('网上代表联络站');
      else expect(home.headers.get('location')).toBe('/console/');

      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(fs.existsSync(path.join(dataDir, 'postgres/pg/postmaster.pid'))).toBe(false);
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});
