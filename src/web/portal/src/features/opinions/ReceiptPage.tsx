import { useEffect, useState } from 'react';
import { useT } from '../../app/i18n.js';
import { usePrefs } from '../../app/prefs.js';
import { follow, useLocation } from '../../app/router.js';
import { copyText, keptReceipt, receiptImage } from './receipt.js';

const CODE = /^[0-9A-Z]{5}-[0-9A-Z]{5}$/;

/**
 * The receipt after sending (/receipt?code=…): the code to keep, with copy and "save as image".
 * It survives a reload: the code is in the address, the rest (station, time, photos) in this tab's
 * session storage. The phone never appears in the address.
 */
export default function ReceiptPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { query } = useLocation();
  const code = (query.get('code') ?? '').toUpperCase();
  const valid = CODE.test(code);
  const kept = valid ? keptReceipt(code) : null;
  const [status, setStatus] = useState<{ text: string; ok: boolean } | null>(null);
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => () => void (image && URL.revokeObjectURL(image)), [image]);

  if (!valid)
    return (
      <section className="card">
        <h1>{t('receiptTitle')}</h1>
        <p>{t('receiptMissing')}</p>
        <a className="btn block" href="/follow" onClick={follow}>
          {t('followIt')}
        </a>
      </section>
    );

  const followPath = `/follow?code=${encodeURIComponent(code)}`;
  const at = kept
    ? new Date(kept.at).toLocaleString(lang, {
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      })
    : null;
  const rows: [string, string][] = [];
  if (kept?.stationName) rows.push([t('receiptStation') + t('colon'), kept.stationName]);
  if (at) rows.push([t('receiptAt') + t('colon'), at]);
  rows.push([t('followTitle') + t('colon'), `${location.origin}${followPath}`]);

  const copy = async () => {
    const ok = await copyText(code);
    setStatus({ text: ok ? t('copied') : t('copyFailed'), ok });
  };
  const save = async () => {
    const blob = await receiptImage(t('receiptTitle'), code, rows, t('receiptIntro'));
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `receipt-${code}.png`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Shown too: in apps that do not download, a long press on it keeps it.
    setImage(url);
  };

  return (
    <section className="card center receipt-page" aria-live="polite">
      {/* "Sent" only for what this tab sent; any code in an address may be typed by anyone. */}
      <h1>{t(kept ? 'receiptTitle' : 'receiptOnly')}</h1>
      <p>{t(kept ? 'receiptIntro' : 'receiptOnlyIntro')}</p>
      <p className="muted">{t('receiptCode')}</p>
      <p className="receipt" data-testid="receipt-code">
        {code}
      </p>
      {rows.slice(0, -1).map(([label, value]) => (
        <p key={label} className="muted">
          {label}
          {value}
        </p>
      ))}
      {kept && kept.photos > 0 && <p className="muted">{t('photosSent', { n: kept.photos })}</p>}
      <div className="row receipt-actions">
        <button type="button" className="btn ghost" onClick={() => void copy()} data-testid="copy-code">
          {t('copyCode')}
        </button>
        <button type="button" className="btn ghost" onClick={() => void save()} data-testid="save-image">
          {t('saveImage')}
        </button>
      </div>
      {status && (
        <p className={status.ok ? 'muted' : 'error'} role="status">
          {status.text}
        </p>
      )}
      <a className="btn block" href={followPath} onClick={follow}>
        {t('followIt')}
      </a>
      <a className="btn ghost block" href="/new" onClick={follow} style={{ marginTop: 8 }}>
        {t('raiseAnother')}
      </a>
      {image && <img className="receipt-image" src={image} alt={`${t('receiptCode')} ${code}`} />}
    </section>
  );
}
