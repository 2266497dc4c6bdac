import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { prettyFormatter, prettyStream } from './log-pretty.js';
import { loggerOptions } from './logger.js';

const at = new Date(2026, 11, 6, 14, 2, 7).getTime();
const line = (o: object) => JSON.stringify({ level: 30, time: at, pid: 1, hostname: 'vm', ...o });

describe('the log on a terminal', () => {
  it('is one line per request: time, method, path, status and duration', () => {
    const format = prettyFormatter(false);
    expect(format(line({ reqId: 'a', req: { method: 'GET', path: '/api/opinions' }, msg: 'incoming request' }))).toBe(
      '',
    );
    expect(format(line({ reqId: 'a', res: { statusCode: 200 }, responseTime: 12.4, msg: 'request completed' }))).toBe(
      '14:02:07 GET    /api/opinions 200 12 ms\n',
    );
  });

  it('colours the status by its class when it is a terminal, and nothing otherwise', () => {
    const format = prettyFormatter(true);
    format(line({ reqId: 'b', req: { method: 'POST', path: '/api/x' }, msg: 'incoming request' }));
    expect(format(line({ reqId: 'b', res: { statusCode: 500 }, responseTime: 3, msg: 'request completed' }))).toContain(
      '\u001b[31m500\u001b[0m',
    );
    expect(prettyFormatter(false)(line({ msg: 'hello' }))).not.toContain('\u001b[');
  });

  it('shows other lines with their level, message and own fields, an error with its stack', () => {
    const format = prettyFormatter(false);
    expect(format(line({ msg: 'initialising embedded PostgreSQL', databaseDir: '/x' }))).toBe(
      '14:02:07 INFO  initialising embedded PostgreSQL databaseDir=/x\n',
    );
    const err = format(line({ level: 50, msg: 'boom', err: { message: 'boom', stack: 'Error: boom\n    at f' } }));
    expect(err).toBe('14:02:07 ERROR boom\nError: boom\n    at f\n');
    expect(format('not json')).toBe('not json\n');
  });

  it('keeps redaction: a secret never reaches the terminal', () => {
    let out = '';
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const { stream: _ignored, ...options } = loggerOptions({ logLevel: 'info', logFormat: 'pretty' });
    pino(options, prettyStream(sink)).info({ body: { password: 'Liaison@2026' } }, 'sign-in');
    expect(out).toContain('sign-in');
    expect(out).not.toContain('Liaison@2026');
  });
});

describe('the log format', () => {
  it('is readable in development and JSON lines in production, or as LIAISON_LOG_FORMAT says', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'production', LIAISON_SECRET: 'x'.repeat(40) }).logFormat).toBe('json');
    expect(loadConfig({ LIAISON_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(
      loadConfig({ NODE_ENV: 'production', LIAISON_SECRET: 'x'.repeat(40) }, { 'log-format': 'pretty' }).logFormat,
    ).toBe('pretty');
    expect(loggerOptions({ logLevel: 'info', logFormat: 'json' }).stream).toBeUndefined();
  });
});
