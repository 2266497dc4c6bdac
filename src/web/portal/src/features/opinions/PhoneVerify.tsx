import { useEffect, useState } from 'react';
import { ApiError, post } from '../../app/api.js';
import { useT } from '../../app/i18n.js';

/**
 * A phone proved by a 6-digit SMS code (valid 5 minutes, resend after 60 s). Reports the token of
 * the verified phone, or null while the phone is unproved.
 */
export function PhoneVerify({
  phone,
  onPhone,
  onToken,
  error,
  required = false,
}: {
  phone: string;
  onPhone: (phone: string) => void;
  onToken: (token: string | null) => void;
  error?: string;
  /** A booking needs the phone; an opinion does not (it can be anonymous). */
  required?: boolean;
}) {
  const t = useT();
  const [code, setCode] = useState('');
  const [wait, setWait] = useState(0);
  const [sent, setSent] = useState(false);
  const [verified, setVerified] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const changePhone = (value: string) => {
    onPhone(value);
    if (verified) {
      setVerified(false);
      onToken(null);
    }
  };

  const send = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await post<{ resendAfterSeconds: number }>('/api/otp/send', { phone: phone.trim(), purpose: 'portal' });
      setSent(true);
      setWait(r.resendAfterSeconds);
      setMessage({ text: t('codeSent'), ok: true });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? (err.field('body.phone') ?? err.message) : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const verify = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await post<{ token: string }>('/api/otp/verify', { phone: phone.trim(), purpose: 'portal', code });
      setVerified(true);
      onToken(r.token);
      setMessage({ text: t('phoneVerified'), ok: true });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? (err.field('body.code') ?? err.message) : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const shown = message ?? (error ? { text: error } : null);
  return (
    <div>
      <label className="field">
        <span className="label">{t(required ? 'phoneRequired' : 'phone')}</span>
        <input
          className="input"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          name="phone"
          value={phone}
          onChange={(e) => changePhone(e.target.value)}
          readOnly={verified}
          aria-invalid={!!error}
        />
      </label>
      {phone.trim() && !verified && (
        <div className="stack">
          <button type="button" className="btn ghost" disabled={busy || wait > 0} onClick={send}>
            {wait > 0 ? t('resendIn', { n: wait }) : t('sendCode')}
          </button>
          {sent && (
            <div className="row">
              <label className="field" style={{ flex: '1 1 140px', margin: 0 }}>
                <span className="label">{t('smsCode')}</span>
                <input
                  className="input"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  name="code"
                  maxLength={6}
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
                />
              </label>
              <button
                type="button"
                className="btn"
                style={{ alignSelf: 'flex-end' }}
                disabled={busy || code.length !== 6}
                onClick={verify}
              >
                {t('verify')}
              </button>
            </div>
          )}
        </div>
      )}
      {shown && (
        <p className={shown.ok ? 'muted' : 'error'} role={shown.ok ? 'status' : 'alert'}>
          {shown.text}
        </p>
      )}
    </div>
  );
}
