import crypto from 'node:crypto';
import { sql } from 'kysely';
import { authorize, inScope, type Actor } from '../../platform/access/policy.js';
import type { Platform } from '../../platform/context.js';
import { AppError } from '../../platform/errors/errors.js';

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
  const d = await p.db
    .selectFrom('deputy as d')
    .innerJoin('organization as o', 'o.id', 'd.org_id')
    .select('d.id')
    .where('d.id', '=', deputyId)
    .where(inScope(actor, 'deputy.read', sql.ref('o.path')))
    .executeTakeFirst();
  if (!d) throw new AppError('NOT_FOUND');
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
    .innerJoin('organization as o', 'o.id', 'r.station_id')
    .innerJoin('station as s', 's.org_id', 'r.station_id')
    .select([
      'r.id',
      sql<string>`to_char(r.day, 'YYYY-MM-DD')`.as('day'),
      'r.start_time',
      'r.end_time',
      'r.theme',
      'r.place',
      'r.status',
      's.address',
      'o.name',
      'r.updated_at',
    ])
    .where('rd.deputy_id', '=', deputyId)
    .where('r.status', '!=', 'cancelled')
    .where('r.day', '>=', sql<string>`current_date - 366`)
    .orderBy('r.day')
    .execute();
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
    lines.push(
      'BEGIN:VEVENT',
      `UID:reception-${r.id}@liaison`,
      `DTSTAMP:${now}`,
      `DTSTART;TZID=Asia/Shanghai:${stamp(r.day, r.start_time)}`,
      `DTEND;TZID=Asia/Shanghai:${stamp(r.day, r.end_time)}`,
      `SUMMARY:${esc(`代表接待：${r.name}${r.theme ? `（${r.theme}）` : ''}`)}`,
      `LOCATION:${esc(r.place ?? r.address ?? r.name)}`,
      `STATUS:${r.status === 'planned' ? 'TENTATIVE' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** The district's overview: per station, receptions (not cancelled) per month of a year. */
export async function overview(p: Platform, actor: Actor, year: number, orgId?: number) {
  authorize(actor, 'reception.read');
  const rows = await p.db
    .selectFrom('station as s')
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .leftJoin('reception as r', (j) =>
      j
        .onRef('r.station_id', '=', 's.org_id')
        .on('r.status', '!=', 'cancelled')
        .on(sql<boolean>`extract(year FROM r.day) = ${year}`),
    )
    .select([
      's.org_id as id',
      'o.name',
      sql<number[]>`array_agg(extract(month FROM r.day)::int) FILTER (WHERE r.id IS NOT NULL)`.as('months'),
      sql<number>`(count(r.id) FILTER (WHERE r.status = 'closed'))::int`.as('held'),
      sql<number>`count(r.id)::int`.as('planned'),
    ])
    .where('o.active', '=', true)
    .where(inScope(actor, 'reception.read', sql.ref('o.path')))
    .where(orgId ? sql<boolean>`o.path <@ (SELECT path FROM organization WHERE id = ${orgId})` : sql<boolean>`true`)
    .groupBy(['s.org_id', 'o.name', 'o.name_sort'])
    .orderBy('o.name_sort')
    .execute();
  return {
    year,
    items: rows.map((r) => {
      const months = Array.from({ length: 12 }, () => 0);
      for (const m of r.months ?? []) months[m - 1]!++;
      return { stationId: r.id, stationName: r.name, months, held: r.held, planned: r.planned };
    }),
  };
}
