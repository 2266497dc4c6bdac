import { rateDefinitions, figureDefinitions, type RateKey } from '../../../../../contracts/statistics.js';
import { chinaDay } from '../../../../../contracts/calendar.js';
import type { Lang } from '../../app/i18n.js';

export const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;

/** The name and definition of a rate or figure in the console's language. */
export function definitionOf(key: RateKey | keyof typeof figureDefinitions, lang: Lang) {
  const d =
    key in rateDefinitions ? rateDefinitions[key as RateKey] : figureDefinitions[key as keyof typeof figureDefinitions];
  return lang === 'en' ? d.en : d.zh;
}

export const presets = ['year', 'month', 'days30', 'lastYear'] as const;
export type Preset = (typeof presets)[number];

/** The dates of a preset period, by the calendar day in China (the server's statistics count China days). */
export function presetRange(preset: Preset, now = new Date()): { from: string; to: string } {
  const today = chinaDay(now);
  const y = Number(today.slice(0, 4));
  switch (preset) {
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'days30':
      return { from: chinaDay(new Date(now.getTime() - 29 * 86_400_000)), to: today };
    case 'lastYear':
      return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
    default:
      return { from: `${y}-01-01`, to: today };
  }
}
