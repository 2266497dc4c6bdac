import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import type { PublicReception as PublicReceptionSchema } from '../../../../../contracts/receptions.js';
import { ApiError, post } from '../../app/api.js';
import { useT } from '../../app/i18n.js';
import { usePrefs } from '../../app/prefs.js';
import { useData } from '../../app/use-data.js';
import { Consent } from '../opinions/Consent.js';
import { PhoneVerify } from '../opinions/PhoneVerify.js';

type PublicReception = z.infer<typeof PublicReceptionSchema>;

const modes: Record<string, [string, string]> = {
  regular: ['定期接待', 'regular'],
  themed: ['主题接待', 'themed'],
  appointment: ['预约接待', 'by appointment'],
  mobile: ['流动接待', 'mobile'],
  homeVisit: ['上门接待', 'home visit'],
  online: ['网上接待', 'online'],
};

/**
 * The station's published receptions with free slots to book. Shown only when the receptions
 * API answers: where it is missing or failing, the entry stays hidden rather than broken.
 */
export function Receptions({ stationId }: { stationId: number }) {
  const t = useT();
  const { lang } = usePrefs();
  const { data, reload } = useData<{ items: PublicReception[] }>(`/api/public/receptions?stationId=${stationId}`);
  const [slot, setSlot] = useState<{ reception: PublicReception; slotId: number } | null>(null);
  if (!data?.items.length) return null;
  return (
    <div data-testid="receptions">
      <h2>{t('appointments')}</h2>
      <ul className="list">
        {data.items.map((r) => (
          <li key={r.id} style={{ padding: '8px 0' }}>
            <strong>
              {r.day} {r.start}–{r.end}
            </strong>{' '}
            <span className="tag">{modes[r.mode]?.[lang === 'en' ? 1 : 0] ?? r.mode}</span>
            {r.theme && <div>{r.theme}</div>}
            {r.place && <div className="muted">{r.place}</div>}
            {r.deputies.length > 0 && <div className="muted">{r.deputies.join(t('listSep'))}</div>}
            <div className="row" style={{ marginTop: 6 }}>
              {r.slots
                .filter((s) => s.free > 0)
                .map((s) => {
                  const time = `${s.start}–${s.end}`;
                  const chosen = slot?.slotId === s.id;
                  return (
                    <button
                      key={s.id}
                      type="button"
                      className={chosen ? 'btn slot chosen' : 'btn ghost slot'}
                      aria-pressed={chosen}
                      aria-label={t('slotLabel', { day: r.day, time, n: s.free })}
                      onClick={() => setSlot({ reception: r, slotId: s.id })}
                    >
                      {t('slotText', { time, n: s.free })}
                    </button>
                  );
                })}
            </div>
            {slot?.reception.id === r.id && (
              <BookForm
                key={slot.slotId}
                reception={r}
                slotId={slot.slotId}
                onDone={(booked) => {
                  setSlot(null);
                  if (booked) reload();
                }}
              />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function BookForm({
  reception,
  slotId,
  onDone,
}: {
  reception: PublicReception;
  slotId: number;
  onDone: (booked: boolean) => void;
}) {
  const t = useT();
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [token, setToken] = useState<string | null>(null);
  const [topic, setTopic] = useState('');
  const [consent, setConsent] = useState(false);
  const [consentError, setConsentError] = useState(false);
  const [message, setMessage] = useState<{ text: string; ok?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const slot = reception.slots.find((s) => s.id === slotId);
  const time = `${slot?.start}–${slot?.end}`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!token) {
      setMessage({ text: t('needVerifyBooking') });
      return;
    }
    if (!consent) {
      setConsentError(true);
      return;
    }
    setBusy(true);
    try {
      const r = await post<{ day: string; start: string; end: string }>(
        `/api/public/receptions/${reception.id}/appointments`,
        { slotId, name: name.trim(), phone: phone.trim(), otpToken: token, topic: topic.trim() },
      );
      setMessage({ text: t('bookedAt', { day: r.day, time: `${r.start}–${r.end}` }), ok: true });
    } catch (err) {
      setMessage({ text: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };
  if (message?.ok)
    // Done: the confirmation instead of a form that could be sent again.
    return (
      <div className="stack" style={{ marginTop: 12 }}>
        <p role="status" data-testid="booked">
          {message.text}
        </p>
        <p className="muted">{t('bookedSms')}</p>
        <div className="row">
          <button type="button" className="btn ghost" onClick={() => onDone(true)}>
            {t('close')}
          </button>
        </div>
      </div>
    );
  return (
    <form className="stack book-form" onSubmit={submit} style={{ marginTop: 12 }} aria-label={t('appointments')}>
      <p className="chosen-slot" data-testid="chosen-slot">
        {t('slotChosen', { day: reception.day, time })}
      </p>
      <label className="field">
        <span className="label">{t('name')}</span>
        <input className="input" name="name" value={name} maxLength={50} onChange={(e) => setName(e.target.value)} />
      </label>
      <PhoneVerify
        phone={phone}
        onPhone={setPhone}
        onToken={(tok) => {
          setToken(tok);
          // A "verify first" message is answered once the phone is verified.
          if (tok) setMessage(null);
        }}
        required
      />
      <label className="field">
        <span className="label">{t('topic')}</span>
        <textarea
          className="input"
          name="topic"
          value={topic}
          maxLength={500}
          onChange={(e) => setTopic(e.target.value)}
        />
      </label>
      <Consent
        checked={consent}
        onChange={(v) => {
          setConsent(v);
          if (v) setConsentError(false);
        }}
        error={consentError ? t('consentRequired') : undefined}
      />
      {message && (
        <p className={message.ok ? '' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn" disabled={busy || !name.trim() || !topic.trim()}>
          {t('bookSubmit')}
        </button>
        <button type="button" className="btn ghost" onClick={() => onDone(false)}>
          {t('bookNever')}
        </button>
      </div>
    </form>
  );
}
