import type { RequestContext } from '../audit/audit.js';
import type { Platform } from '../context.js';
import { CalendarImportError, calendarStatus, importFromPackage, type ImportResult } from './service.js';
import type { CalendarStatus } from '../../../contracts/calendar.js';

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

const startContext: RequestContext = { actor: null, requestId: 'startup', ip: null, userAgent: 'liaison serve' };

/**
 * At `liaison serve` and `liaison migrate`: loads what the installed chinese-days has beyond the
 * database (a package upgrade brings next year's holidays), keeping administrators' corrections,
 * then logs whether next year's arrangement is missing.
 */
export async function syncCalendarAtStart(
  p: Platform,
  log: Log,
): Promise<{ imported: ImportResult; status: CalendarStatus }> {
  const imported = await importFromPackage(p, startContext, { audit: 'onChange' });
  if (imported.inserted + imported.updated + imported.removed > 0)
    log.info(
      {
        packageVersion: imported.packageVersion,
        inserted: imported.inserted,
        updated: imported.updated,
        removed: imported.removed,
        keptCorrections: imported.keptCorrections,
      },
      `calendar: chinese-days ${imported.packageVersion}: ${imported.inserted} days added, ${imported.updated} changed, ` +
        `${imported.removed} removed 已载入法定节假日`,
    );
  const status = await calendarStatus(p.db);
  if (status.warning)
    log.warn(
      { warning: status.warning, year: status.warning === 'nextYearMissing' ? status.nextYear : status.currentYear },
      `calendar: ${status.message}`,
    );
  return { imported, status };
}

/** A log that prints to the terminal (the `liaison migrate` command has no pino logger). */
export const consoleLog: Log = {
  info: (_obj, msg) => console.log(msg),
  warn: (_obj, msg) => console.warn(msg),
};

/** 2004–2026, 2029: consecutive years as ranges. */
export function yearRanges(years: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < years.length;) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j]! + 1) j++;
    out.push(i === j ? String(years[i]) : `${years[i]}–${years[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}

/** `--year 2027`, `--year 2025,2026` or `--year 2025-2027`. */
export function parseYearFlag(value: string): number[] {
  const range = /^(\d{4})-(\d{4})$/.exec(value.trim());
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])];
    if (a <= b && b - a < 300) return Array.from({ length: b - a + 1 }, (_, i) => a + i);
  } else if (/^\d{4}(,\d{4})*$/.test(value.trim())) {
    return [...new Set(value.trim().split(',').map(Number))].sort((x, y) => x - y);
  }
  throw new CalendarImportError(
    `--year ${JSON.stringify(value)}: expected a year such as 2027, 2025,2026 or 2025-2027`,
  );
}

/** `liaison calendar import [--year Y]` and `liaison calendar status`: returns the lines to print. */
export async function calendarCommand(p: Platform, sub: string | undefined, year: string | undefined) {
  if (sub !== 'import' && sub !== 'status')
    throw new CalendarImportError('usage: liaison calendar import [--year Y] | liaison calendar status');
  const lines: string[] = [];
  if (sub === 'import') {
    const years = year ? parseYearFlag(year) : undefined;
    const r = await importFromPackage(
      p,
      { actor: null, requestId: 'cli', ip: null, userAgent: 'liaison calendar import' },
      { years, audit: 'always' },
    );
    const span = yearRanges(r.years);
    lines.push(
      `calendar: chinese-days ${r.packageVersion}, ${span}: ${r.inserted} added, ${r.updated} changed, ` +
        `${r.removed} removed; ${r.keptCorrections} administrator corrections kept 法定节假日已导入`,
    );
  }
  const s = await calendarStatus(p.db);
  lines.push(
    `calendar: years loaded 已载入年度 ${yearRanges(s.coveredYears) || '—'}; ` +
      `${s.currentYear} ${s.currentYearCovered ? 'ok' : 'MISSING 缺失'}, ${s.nextYear} ${s.nextYearCovered ? 'ok' : 'missing 缺失'}`,
  );
  if (s.message) lines.push(`calendar: ${s.message}`);
  return lines;
}
