import type { PublicSubmissionResult } from '../../shared/types.js';

/** What the receipt page shows: the answer to the submission, the station and when. */
export type Receipt = PublicSubmissionResult & { stationName: string; at: string };

const KEY = 'liaison.portal.receipt';

/** Keeps the receipt for this tab: a reload of the receipt page shows it again (the phone never leaves the form). */
export function keepReceipt(r: Receipt) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(r));
  } catch {
    // Storage off: the page still has the code from its address.
  }
}

/** The receipt kept for `code` in this tab, if any. */
export function keptReceipt(code: string): Receipt | null {
  try {
    const r = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Receipt | null;
    return r?.receiptCode === code ? r : null;
  } catch {
    return null;
  }
}

/** Copies text: the clipboard API where the page may use it, else the old selection command. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

/** Lines of `text` that fit `width` on the canvas (Chinese wraps anywhere, words at spaces). */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const piece of text.match(/[A-Za-z0-9.,:;'’()/?=&_-]+\s*|\s+|./gu) ?? []) {
    if (line && ctx.measureText(line + piece).width > width) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else line += piece;
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/**
 * The receipt drawn as a PNG (no library: a canvas): title, code, station, time, where to follow it.
 * `rows` are [label, value] pairs in the reader's language.
 */
export async function receiptImage(title: string, code: string, rows: [string, string][], note: string): Promise<Blob> {
  const W = 750;
  const pad = 48;
  const font = (size: number, weight = 400) =>
    `${weight} ${size}px system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif`;
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d')!;
  // Measure first, then draw on a canvas of the height needed.
  ctx.font = font(26);
  const rowLines = rows.map(([label, value]) => wrap(ctx, `${label}${value}`, W - 2 * pad));
  const noteLines = wrap(ctx, note, W - 2 * pad);
  const H = 260 + rowLines.flat().length * 40 + 30 + noteLines.length * 38 + pad;
  canvas.width = W;
  canvas.height = H;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#b3261e';
  ctx.fillRect(0, 0, W, 12);
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  ctx.fillStyle = '#1f1f1f';
  ctx.font = font(36, 700);
  ctx.fillText(title, W / 2, 50);
  ctx.fillStyle = '#b3261e';
  ctx.font = `700 64px ui-monospace, "DejaVu Sans Mono", monospace`;
  ctx.fillText(code, W / 2, 120);
  ctx.textAlign = 'left';
  ctx.fillStyle = '#1f1f1f';
  ctx.font = font(26);
  let y = 230;
  for (const line of rowLines.flat()) {
    ctx.fillText(line, pad, y);
    y += 40;
  }
  y += 30;
  ctx.fillStyle = '#5f5f5f';
  for (const line of noteLines) {
    ctx.fillText(line, pad, y);
    y += 38;
  }
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas'))), 'image/png'),
  );
}
