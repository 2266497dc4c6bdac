import { chinaToday } from '../../src/server/platform/calendar/dates.js';

// A test that reads the day from the clock and then has the server (or the database, or a later
// call) take its own "today" may see the two differ: a run can cross midnight in China (16:00 UTC)
// between them. These helpers keep such a test honest across that moment.

const DAY_MS = 86_400_000;
const CHINA_MS = 8 * 3_600_000;

/** Milliseconds from `now` until midnight in China (16:00 UTC; China keeps no daylight saving). */
export function msToChinaMidnight(now = Date.now()): number {
  return DAY_MS - ((now + CHINA_MS) % DAY_MS);
}

/**
 * Today in China with at least `ms` of it left: nearer midnight than that, it first waits for the
 * next day to begin. For a stretch of test that needs the day (or a time later today) to still lie
 * ahead for the server when it acts, which no date passed in can make so (an activity that has not
 * started yet, one dated tomorrow that may not be signed in to today). Keep the stretch under `ms`.
 */
export async function chinaTodayWithTime(ms: number): Promise<string> {
  const left = msToChinaMidnight();
  if (left < ms) await new Promise((resolve) => setTimeout(resolve, left + 1_000));
  return chinaToday();
}

/**
 * Runs `act` and returns its result with the China days it ran on: one, or two when it crossed
 * midnight. A date the server took from its own clock during `act` is one of these days.
 */
export async function onChinaDays<T>(act: () => Promise<T>): Promise<{ result: T; days: string[] }> {
  const first = chinaToday();
  const result = await act();
  const last = chinaToday();
  return { result, days: first === last ? [first] : [first, last] };
}
