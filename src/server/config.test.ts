import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseArgs } from './config.js';

const bin = path.resolve(import.meta.dirname, '../../bin/liaison.mjs');

function problemsOf(env: Record<string, string>, flags: Record<string, string> = {}) {
  try {
    loadConfig(env, flags);
    return [];
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
}

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      env: 'development',
      demo: true,
      databaseUrl: undefined,
      session: { idleMinutes: 30 },
      portal: { powMaxNumber: 50_000 },
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ LIAISON_SESSION_IDLE_MINUTES: '0' }, 'LIAISON_SESSION_IDLE_MINUTES'],
    [{ LIAISON_DEMO: 'maybe' }, 'LIAISON_DEMO'],
    [{ NODE_ENV: 'production' }, 'LIAISON_SECRET'],
    [{ LIAISON_POW_MAX_NUMBER: '5' }, 'LIAISON_POW_MAX_NUMBER'],
    [{ LIAISON_POW_MAX_NUMBER: '1e9' }, 'LIAISON_POW_MAX_NUMBER'],
    [
      { NODE_ENV: 'production', LIAISON_SECRET: 'x'.repeat(32), LIAISON_POW_MAX_NUMBER: '1000' },
      'LIAISON_POW_MAX_NUMBER',
    ],
  ])('names the bad setting %o', (env, name) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
  });

  it('a small proof-of-work is for development and tests only', () => {
    expect(loadConfig({ LIAISON_POW_MAX_NUMBER: '1000' }).portal.powMaxNumber).toBe(1000);
    expect(problemsOf({ NODE_ENV: 'production', LIAISON_POW_MAX_NUMBER: '1000' })).toHaveLength(2);
  });

  it('an S3 bucket for the files needs its name and keys', () => {
    expect(loadConfig({}).s3).toBeUndefined();
    const problems = problemsOf({ LIAISON_S3_URL: 'http://127.0.0.1:9000', LIAISON_S3_ACCESS_KEY: 'k' });
    expect(problems.join('\n')).toMatch(/LIAISON_S3_BUCKET/);
    expect(problems.join('\n')).toMatch(/LIAISON_S3_SECRET_KEY/);
    expect(problems).toHaveLength(2);
    expect(problemsOf({ LIAISON_S3_URL: 'not a url' })[0]).toContain('LIAISON_S3_URL');
    const c = loadConfig({
      LIAISON_S3_URL: 'https://oss-cn-hangzhou.aliyuncs.com',
      LIAISON_S3_BUCKET: 'beilun-files',
      LIAISON_S3_ACCESS_KEY: 'k',
      LIAISON_S3_SECRET_KEY: 's',
    });
    expect(c.s3).toEqual({
      url: 'https://oss-cn-hangzhou.aliyuncs.com',
      bucket: 'beilun-files',
      accessKey: 'k',
      secretKey: 's',
      region: 'us-east-1',
    });
  });

  it('reports every bad setting at once, and flags over the environment', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
    expect(problemsOf({ PORT: 'x' }, { port: '4000' })).toEqual([]);
    expect(problemsOf({}, { port: 'x' })[0]).toContain('--port');
    expect(problemsOf({}, { prot: '1' })[0]).toContain('--prot');
  });

  it('reads command lines', () => {
    expect(parseArgs(['seed', '--demo', '--port', '4000', '--data-dir=/x'])).toEqual({
      positional: ['seed'],
      flags: { demo: 'true', port: '4000', 'data-dir': '/x' },
    });
  });

  it('a bad value stops `liaison serve` before anything starts, naming it', async () => {
    const res = await promisify(execFile)(process.execPath, [bin, 'serve', '--port', 'eighty'], {
      env: { ...process.env, PORT: '' },
    }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--port');
    expect(res.stderr).toContain('配置有误');
  });
});
