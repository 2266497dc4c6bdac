import net from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A small SMTP server (RFC 5321 subset: EHLO/HELO, AUTH PLAIN and LOGIN, MAIL, RCPT, DATA, RSET,
 * NOOP, QUIT) that keeps what it receives. It checks the envelope and the message as a mail
 * server would: authentication when asked for, MAIL before RCPT before DATA, the headers a
 * message must carry (From, To, Subject, Date, Message-ID), dot-unstuffing. Failures can be
 * injected (4xx: try later; 5xx: refused).
 */

export interface ReceivedMail {
  from: string;
  to: string[];
  headers: Record<string, string>;
  /** The raw message as received (after dot-unstuffing). */
  raw: string;
}

export interface FakeSmtp {
  port: number;
  url: string;
  received: ReceivedMail[];
  /** Sessions that ended in a protocol or authentication error, with the reply given. */
  errors: string[];
  /** The next n transactions get a 451 (temporary) at RCPT. */
  failNext(n: number): void;
  /** Mail to this address is refused with 550 (no such mailbox). */
  refuse(address: string): void;
  setDown(down: boolean): void;
  close(): Promise<void>;
}

function parseHeaders(raw: string): Record<string, string> {
  const head = raw.split(/\r\n\r\n/)[0] ?? '';
  const out: Record<string, string> = {};
  let last = '';
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && last) out[last] += ` ${line.trim()}`;
    else {
      const i = line.indexOf(':');
      if (i > 0) {
        last = line.slice(0, i).toLowerCase();
        out[last] = line.slice(i + 1).trim();
      }
    }
  }
  return out;
}

export async function startFakeSmtp(opts: { user?: string; pass?: string } = {}): Promise<FakeSmtp> {
  const received: ReceivedMail[] = [];
  const errors: string[] = [];
  const refused = new Set<string>();
  let failures = 0;
  let down = false;
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (down) {
      socket.end('421 fake.smtp Service not available, closing transmission channel\r\n');
      return;
    }
    let buffer = '';
    let authed = !opts.user;
    let greeted = false;
    let from: string | null = null;
    let to: string[] = [];
    let data: string[] | null = null;
    let authStep: 'user' | 'pass' | null = null;
    let authUser = '';
    const reply = (line: string) => socket.write(`${line}\r\n`);
    const fail = (line: string) => {
      errors.push(line);
      reply(line);
    };

    const onLine = (line: string) => {
      if (data) {
        if (line === '.') {
          const raw = data.join('\r\n');
          data = null;
          const headers = parseHeaders(raw);
          const missing = ['from', 'to', 'subject', 'date', 'message-id'].filter((h) => !headers[h]);
          if (missing.length) return fail(`554 5.6.0 message lacks ${missing.join(', ')}`);
          received.push({ from: from!, to, headers, raw });
          from = null;
          to = [];
          return reply(`250 2.0.0 Ok: queued as FAKE${received.length}`);
        }
        data.push(line.startsWith('..') ? line.slice(1) : line);
        return;
      }
      if (authStep === 'user') {
        authUser = Buffer.from(line, 'base64').toString('utf8');
        authStep = 'pass';
        return reply(`334 ${Buffer.from('Password:').toString('base64')}`);
      }
      if (authStep === 'pass') {
        authStep = null;
        const pass = Buffer.from(line, 'base64').toString('utf8');
        if (authUser === opts.user && pass === opts.pass) {
          authed = true;
          return reply('235 2.7.0 Authentication successful');
        }
        return fail('535 5.7.8 Authentication credentials invalid');
      }
      const [verb = '', ...rest] = line.split(' ');
      const arg = rest.join(' ');
      switch (verb.toUpperCase()) {
        case 'EHLO':
          greeted = true;
          return reply(
            `250-fake.smtp Hello ${arg}\r\n250-SIZE 10240000\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n250 SMTPUTF8`,
          );
        case 'HELO':
          greeted = true;
          return reply('250 fake.smtp');
        case 'AUTH': {
          const [mech, initial] = arg.split(' ');
          if (mech?.toUpperCase() === 'PLAIN' && initial) {
            const [, user, pass] = Buffer.from(initial, 'base64').toString('utf8').split('\0');
            if (user === opts.user && pass === opts.pass) {
              authed = true;
              return reply('235 2.7.0 Authentication successful');
            }
            return fail('535 5.7.8 Authentication credentials invalid');
          }
          if (mech?.toUpperCase() === 'LOGIN') {
            authStep = 'user';
            return reply(`334 ${Buffer.from('Username:').toString('base64')}`);
          }
          return fail('504 5.5.4 Unrecognized authentication type');
        }
        case 'MAIL': {
          if (!greeted) return fail('503 5.5.1 EHLO first');
          if (!authed) return fail('530 5.7.0 Authentication required');
          const m = /^FROM:\s*<([^>]*)>/i.exec(arg);
          if (!m) return fail('501 5.5.4 Syntax: MAIL FROM:<address>');
          from = m[1]!;
          to = [];
          return reply('250 2.1.0 Ok');
        }
        case 'RCPT': {
          if (!from) return fail('503 5.5.1 MAIL first');
          const m = /^TO:\s*<([^>]+)>/i.exec(arg);
          if (!m) return fail('501 5.5.4 Syntax: RCPT TO:<address>');
          if (failures > 0) {
            failures--;
            return fail('451 4.3.0 Temporary failure, try again later');
          }
          if (refused.has(m[1]!.toLowerCase())) return fail('550 5.1.1 Mailbox unavailable');
          to.push(m[1]!);
          return reply('250 2.1.5 Ok');
        }
        case 'DATA':
          if (!from || !to.length) return fail('503 5.5.1 RCPT first');
          data = [];
          return reply('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
          from = null;
          to = [];
          return reply('250 2.0.0 Ok');
        case 'NOOP':
          return reply('250 2.0.0 Ok');
        case 'QUIT':
          reply('221 2.0.0 Bye');
          return socket.end();
        default:
          return fail('502 5.5.2 Command not recognized');
      }
    };

    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        onLine(line);
      }
    });
    reply('220 fake.smtp ESMTP');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const auth = opts.user ? `${encodeURIComponent(opts.user)}:${encodeURIComponent(opts.pass ?? '')}@` : '';
  return {
    port,
    url: `smtp://${auth}127.0.0.1:${port}`,
    received,
    errors,
    failNext: (n) => {
      failures = n;
    },
    refuse: (a) => refused.add(a.toLowerCase()),
    setDown: (d) => {
      down = d;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
