import { rateDefinitions, figureDefinitions, type RateKey } from '../../../../../contracts/statistics.js';
import type { Lang } from '../../app/i18n.js';

export const percent = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;

/** The name and definition of a rate or figure in the console's language. */
export function definitionOf(key: RateKey | keyof typeof figureDefinitions, lang: Lang) {
  const d =
    key in rateDefinitions ? rateDefinitions[key as RateKey] : figureDefinitions[key as keyof typeof figureDefinitions];
  return lang === 'en' ? d.en : d.zh;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export const presets = ['year', 'month', 'days30', 'lastYear'] as const;
export type Preset = (typeof presets)[number];

/** The dates of a preset period, by the browser's calendar day. */
export function presetRange(preset: Preset, now = new Date()): { from: string; to: string } {
  const y = now.getFullYear();
  switch (preset) {
    case 'month':
      return { from: `${y}-${pad(now.getMonth() + 1)}-01`, to: iso(now) };
    case 'days30':
      return { from: iso(new Date(now.getTime() - 29 * 86_400_000)), to: iso(now) };
    case 'lastYear':
      return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
    default:
      return { from: `${y}-01-01`, to: iso(now) };
  }
}
