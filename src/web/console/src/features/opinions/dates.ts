/**
 * Today's date in China (YYYY-MM-DD). The server counts registration days, deadlines and the
 * ledger's periods in China time, so the console's default periods do too, whatever the
 * browser's own time zone.
 */
export function chinaToday(now = new Date()): string {
  return now.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}
