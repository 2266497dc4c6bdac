import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

// scripts/migrations-lock.mjs run as CI runs it, on a copy of the migrations folder and its list.
const root = path.resolve(import.meta.dirname, '../../..');
const script = path.join(root, 'scripts/migrations-lock.mjs');
const source = path.join(root, 'src/server/db/migrations');
const recorded = JSON.parse(fs.readFileSync(path.join(source, 'checksums.json'), 'utf8')) as Record<string, string>;
const landed = Object.keys(recorded).sort();
const [first, second] = [landed[0]!, landed[1]!];

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

let dir: string;
const list = () => fs.readFileSync(path.join(dir, 'checksums.json'), 'utf8');

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-migrations-'));
  // Only the recorded files: a colleague's new migration in the working tree does not disturb the cases.
  for (const f of [...landed, 'checksums.json']) fs.copyFileSync(path.join(source, f), path.join(dir, f));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('landed migrations lock', () => {
  it('passes on the repository as it is', () => {
    const r = run('--check');
    expect(r.out).not.toMatch(/EDITED|DELETED/);
    expect(r.status).toBe(0);
  });

  it('records every migration the list names', () => {
    expect(landed.length).toBeGreaterThan(0);
    expect(landed).toContain('20261123T1900-foundation.ts');
    for (const sum of Object.values(recorded)) expect(sum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('passes the untouched copy', () => {
    expect(run('--check', '--dir', dir).status).toBe(0);
  });

  it('fails naming a landed migration that was edited', () => {
    fs.appendFileSync(path.join(dir, second), '// a late fix\n');
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`${second}: EDITED`);
    expect(r.out).not.toContain(`${first}: EDITED`);
  });

  it('fails naming a landed migration that was deleted', () => {
    const victim = landed.at(-1)!;
    fs.rmSync(path.join(dir, victim));
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`${victim}: DELETED`);
  });

  it('accepts a new migration and reports it', () => {
    fs.writeFileSync(path.join(dir, '29991231T2359-later.ts'), 'export async function up() {}\n');
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(0);
    expect(r.out).toContain('29991231T2359-later.ts: new, will be recorded');
  });

  it('refuses a new migration that sorts before a landed one', () => {
    fs.writeFileSync(path.join(dir, '20200101T0000-early.ts'), 'export async function up() {}\n');
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain('20200101T0000-early.ts: new, but sorts before');
  });

  it('reads CRLF line endings as LF', () => {
    const f = path.join(dir, first);
    fs.writeFileSync(f, fs.readFileSync(f, 'utf8').replace(/\r?\n/g, '\r\n'));
    expect(run('--check', '--dir', dir).status).toBe(0);
  });

  it('records new migrations and leaves the existing entries alone', () => {
    fs.writeFileSync(path.join(dir, '29991231T2359-later.ts'), 'export async function up() {}\n');
    expect(run('--record', '--dir', dir).status).toBe(0);
    const next = JSON.parse(list()) as Record<string, string>;
    expect(Object.keys(next)).toEqual([...landed, '29991231T2359-later.ts']);
    for (const f of landed) expect(next[f]).toBe(recorded[f]);
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(0);
    expect(r.out).not.toContain('new, will be recorded');
  });

  it('refuses to record over an edited migration', () => {
    const before = list();
    fs.appendFileSync(path.join(dir, first), '// edited\n');
    fs.writeFileSync(path.join(dir, '29991231T2359-later.ts'), 'export async function up() {}\n');
    const r = run('--record', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain(`${first}: EDITED`);
    expect(list()).toBe(before);
  });

  it('fails when the list itself is missing', () => {
    fs.rmSync(path.join(dir, 'checksums.json'));
    const r = run('--check', '--dir', dir);
    expect(r.status).toBe(1);
    expect(r.out).toContain('No recorded migration checksums');
  });
});
