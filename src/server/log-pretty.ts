/**
 * The log on a developer's terminal: pino's JSON lines made readable, one line per request
 * (`14:02:07 GET /api/opinions 200 12 ms`), colours when the output is a terminal. Production keeps
 * the JSON lines (LIAISON_LOG_FORMAT=json, the default with NODE_ENV=production).
 */

const levels: Record<number, { name: string; colour: number }> = {
  10: { name: 'TRACE', colour: 90 },
  20: { name: 'DEBUG', colour: 36 },
  30: { name: 'INFO ', colour: 32 },
  40: { name: 'WARN ', colour: 33 },
  50: { name: 'ERROR', colour: 31 },
  60: { name: 'FATAL', colour: 35 },
};
/** Fields every line carries, or that the request line already shows. */
const plain = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'reqId', 'req', 'res', 'responseTime', 'err']);

interface LogRecord {
  level?: number;
  time?: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; path?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; stack?: string };
  [key: string]: unknown;
}

/** Formats pino's JSON lines; remembers each request's method and path until its completion line. */
export function prettyFormatter(colour: boolean) {
  const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
  const open = new Map<string, { method: string; path: string }>();
  const clock = (time?: number) => paint(90, new Date(time ?? Date.now()).toTimeString().slice(0, 8));

  return (line: string): string => {
    let r: LogRecord;
    try {
      r = JSON.parse(line) as LogRecord;
    } catch {
      return line.endsWith('\n') ? line : `${line}\n`;
    }
    // Fastify logs a request twice (in, then completed): kept for one line at completion.
    if (r.msg === 'incoming request' && r.reqId && r.req) {
      if (open.size > 10_000) open.clear();
      open.set(r.reqId, { method: r.req.method ?? '?', path: r.req.path ?? '?' });
      return '';
    }
    if (r.msg === 'request completed' && r.res) {
      const req = (r.reqId && open.get(r.reqId)) || { method: '?', path: '?' };
      if (r.reqId) open.delete(r.reqId);
      const status = r.res.statusCode ?? 0;
      const tint = status >= 500 ? 31 : status >= 400 ? 33 : status >= 300 ? 36 : 32;
      const ms = r.responseTime === undefined ? '' : ` ${paint(90, `${Math.round(r.responseTime)} ms`)}`;
      return `${clock(r.time)} ${req.method.padEnd(6)} ${req.path} ${paint(tint, String(status))}${ms}\n`;
    }
    const level = levels[r.level ?? 30] ?? { name: String(r.level), colour: 0 };
    const extra = Object.entries(r)
      .filter(([k]) => !plain.has(k))
      .map(([k, v]) => `${paint(90, `${k}=`)}${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    const stack = r.err?.stack ? `\n${paint(90, r.err.stack)}` : r.err?.message ? ` ${r.err.message}` : '';
    return `${clock(r.time)} ${paint(level.colour, level.name)} ${r.msg ?? ''}${extra ? ` ${extra}` : ''}${stack}\n`;
  };
}

/** A pino destination writing the readable lines to `out` (stdout by default), coloured on a terminal. */
export function prettyStream(out: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout) {
  const format = prettyFormatter(!!out.isTTY && !process.env.NO_COLOR);
  return {
    write(line: string) {
      const text = format(line);
      if (text) out.write(text);
    },
  };
}
