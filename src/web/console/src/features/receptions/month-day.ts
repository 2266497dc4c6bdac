/**
 * The day a month opens on: in today's month, today if it has a reception or none is left, else the next day
 * with one; in another month, its first day with a reception (else the 1st). Cancelled ones do not count.
 */
export function firstDayOn(items: { day: string; status: string }[], month: string, today: string) {
  const start = today.startsWith(month) ? today : `${month}-01`;
  const next = items
    .filter((r) => r.status !== 'cancelled' && r.day.startsWith(month) && r.day >= start)
    .map((r) => r.day)
    .sort()[0];
  return next ?? start;
}
