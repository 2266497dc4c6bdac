import pino, { type LoggerOptions } from 'pino';
import type { Config } from './config.js';

/** Fields that may carry personal data or secrets: never written to a log. */
export const redactPaths = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.temporaryPassword',
  '*.phone',
  '*.idNumber',
  '*.name',
  '*.address',
  '*.code',
];

export function loggerOptions(config: Pick<Config, 'logLevel'>): LoggerOptions {
  return {
    level: config.logLevel,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      // Query strings may carry search words or phone numbers: log the path only.
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
    },
  };
}

export function createLogger(config: Pick<Config, 'logLevel'>) {
  return pino(loggerOptions(config));
}
