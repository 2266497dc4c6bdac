import crypto from 'node:crypto';
import { sql } from 'kysely';
import { authorize, can, type Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';
import { deputyNames } from '../deputies/names.js';
import { orgById } from '../org/tree.js';
import { stationsForReceptions } from '../stations/members.js';

/** A deputy's duty as an iCalendar feed (RFC 5545), for the calendar app on their phone. */

const feedKeys = new WeakMap<Buffer, Buffer>();
function feedKey(p: Platform) {
  let k = feedKeys.get(p.keys.fields);
  if (!k) {
    k = Buffer.from(crypto.hkdfSync('sha256', p.keys.fields, Buffer.alloc(0), 'liaison/reception-ical', 32));
    feedKeys.set(p.keys.fields, k);
  }
  return k;
}
const feedToken = (p: Platform, deputyId: number) =>
  crypto.createHmac('sha256', feedKey(p)).update(`deputy:${deputyId}`).digest('base64url').slice(0, 32);

/** The feed's address (a secret link: calendar apps cannot sign in), for staff who may read the deputy. */
export async function feedLink(p: Platform, actor: Actor, deputyId: number) {
  authorize(actor, 'reception.read');
  const [d] = await deputyNames(p.db, [deputyId]);
  const org = d ? await orgById(p.db, d.org_id) : undefined;
  if (!org || !can(actor, 'deputy.read', { orgPath: org.path })) throw new AppError('NOT_FOUND');
  return {
    url: `${p.config.publicUrl}/api/public/receptions/deputies/${deputyId}/calendar.ics?token=${feedToken(p, deputyId)}`,
  };
}

const esc = (t: string) => t.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
/** Lines longer than 75 octets are folded (RFC 5545 §3.1). */
function fold(line: string) {
  const out: string[] = [];
  let cur = '';
  for (const ch of line) {
    if (Buffer.byteLength(cur + ch) > 74) {
      out.push(cur);
      cur = ' ';
    }
    cur += ch;
  }
  out.push(cur);
  return out.join('\r\n');
}
const stamp = (day: string, time: string) => `${day.replace(/-/g, '')}T${time.replace(':', '')}00`;

/** The feed: the deputy's receptions from a year back on, not cancelled; null when the token is wrong. */
export async function deputyFeed(p: Platform, deputyId: number, token: string): Promise<string | null> {
  const want = Buffer.from(feedToken(p, deputyId));
  const got = Buffer.from(token);
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) return null;
  const rows = await p.db
    .selectFrom('reception_duty as rd')
    .innerJoin('reception as r', 'r.id', 'rd.reception_id')
    .select([
      'r.station_id',
      'r.id',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.start_time',
      'r.end_time',
      'r.theme',
      'r.place',
      'r.status',
      'r.updated_at',
    ])
    .where('rd.deputy_id', '=', deputyId)
    .where('r.status', '!=', 'cancelled')
    .where('r.day', '>=', sql<string>`(now() AT TIME ZONE 'Asia/Shanghai')::date - 366`)
    .orderBy('r.day')
    .execute();
  const stations = new Map(
    (
      await stationsForReceptions(
        p.db,
        rows.map((r) => r.station_id),
      )
    ).map((s) => [s.id, s]),
  );
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Liaison//Receptions//ZH',
    'CALSCALE:GREGORIAN',
    'X-WR-CALNAME:代表接待安排',
    'BEGIN:VTIMEZONE',
    'TZID:Asia/Shanghai',
    'BEGIN:STANDARD',
    'DTSTART:19700101T000000',
    'TZOFFSETFROM:+0800',
    'TZOFFSETTO:+0800',
    'TZNAME:CST',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  const now = new Date()
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  for (const r of rows) {
    const { name, address } = stations.get(r.station_id)!;
    lines.push(
      'BEGIN:VEVENT',
      `UID:reception-${r.id}@liaison`,
      `DTSTAMP:${now}`,
      `DTSTART;TZID=Asia/Shanghai:${stamp(r.day, r.start_time)}`,
      `DTEND;TZID=Asia/Shanghai:${stamp(r.day, r.end_time)}`,
      `SUMMARY:${esc(`代表接待：${name}${r.theme ? `（${r.theme}）` : ''}`)}`,
      `LOCATION:${esc(r.place ?? address ?? name)}`,
      `STATUS:${r.status === 'planned' ? 'TENTATIVE' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
