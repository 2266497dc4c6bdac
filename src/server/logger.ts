import pino, { type DestinationStream, type LoggerOptions } from 'pino';
import { prettyStream } from './log-pretty.js';
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

export function loggerOptions(config: Pick<Config, 'logLevel' | 'logFormat'>): LoggerOptions & {
  stream?: DestinationStream;
} {
  return {
    level: config.logLevel,
    // Readable lines on a developer's terminal; JSON lines otherwise (production, log collectors).
    ...(config.logFormat === 'pretty' ? { stream: prettyStream() } : {}),
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: {
      // Query strings may carry search words or phone numbers: log the path only.
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
    },
  };
}

export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>) {
  const { stream, ...options } = loggerOptions(config);
  return stream ? pino(options, stream) : pino(options);
}
