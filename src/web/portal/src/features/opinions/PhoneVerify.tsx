import { useEffect, useState } from 'react';
import { ApiError, post } from '../../app/api.js';
import { useT } from '../../app/i18n.js';

const KEY = 'liaison.portal.phone';
/** The server's proof lasts 30 minutes; the visit reuses it for 25, then asks again. */
const REUSE_MS = 25 * 60 * 1000;

/** The phone proved earlier in this visit (this tab), while its proof is fresh. */
function provedThisVisit(): { phone: string; token: string } | null {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as { phone: string; token: string; at: number } | null;
    return v && Date.now() - v.at < REUSE_MS ? { phone: v.phone, token: v.token } : null;
  } catch {
    return null;
  }
}

function remember(phone: string, token: string) {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ phone, token, at: Date.now() }));
  } catch {
    // Storage off: the phone is proved again next time.
  }
}

/**
 * A phone proved by a 6-digit SMS code (valid 5 minutes, resend after 60 s). Reports the token of
 * the verified phone, or null while the phone is unproved. A phone proved once in this visit (the
 * tab's session) is offered proved again — a second booking or opinion asks no new code.
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
  // A phone proved earlier in this visit, taken over when the form opens empty.
  const [earlier] = useState(() => (phone.trim() ? null : provedThisVisit()));
  const [verified, setVerified] = useState(!!earlier);
  const [message, setMessage] = useState<{ text: string; ok?: boolean } | null>(
    earlier ? { text: t('phoneVerified'), ok: true } : null,
  );
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!earlier) return;
    onPhone(earlier.phone);
    onToken(earlier.token);
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (wait <= 0) return;
    const timer = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(timer);
  }, [wait]);

  const changePhone = (value: string) => {
    onPhone(value);
    if (verified) {
      setVerified(false);
      setMessage(null);
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

  const verify = async (entered: string) => {
    setBusy(true);
    setMessage(null);
    try {
      const r = await post<{ token: string }>('/api/otp/verify', {
        phone: phone.trim(),
        purpose: 'portal',
        code: entered,
      });
      setVerified(true);
      onToken(r.token);
      remember(phone.trim(), r.token);
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
      {verified && (
        <button type="button" className="btn ghost" onClick={() => changePhone('')}>
          {t('otherPhone')}
        </button>
      )}
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
                  onChange={(e) => {
                    const digits = e.target.value.replace(/\D/g, '').slice(0, 6);
                    setCode(digits);
                    // The sixth digit verifies by itself: whoever types the code and then taps 提交
                    // has not missed a step.
                    if (digits.length === 6 && !busy) void verify(digits);
                  }}
                />
              </label>
              <button
                type="button"
                className="btn"
                style={{ alignSelf: 'flex-end' }}
                disabled={busy || code.length !== 6}
                onClick={() => void verify(code)}
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
