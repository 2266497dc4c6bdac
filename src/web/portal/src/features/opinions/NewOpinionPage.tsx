import { Button } from 'antd-mobile';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, post } from '../../app/api.js';
import { ErrorBox } from '../../app/ErrorBox.js';
import { useT } from '../../app/i18n.js';
import { Loading } from '../../app/Loading.js';
import { usePrefs } from '../../app/prefs.js';
import { navigate, useLocation } from '../../app/router.js';
import { useData } from '../../app/use-data.js';
import type { Category, PublicStation, PublicStationSummary, PublicSubmissionResult } from '../../shared/types.js';
import { compress, PHOTO_MAX_MB, PICK_MAX_MB, sniff } from './compress.js';
import { Consent } from './Consent.js';
import { PhoneVerify } from './PhoneVerify.js';
import { solveAltcha } from './pow.js';
import { keepReceipt } from './receipt.js';

const MAX_CONTENT = 5000;
const MAX_PHOTOS = 6;

const newKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The category whose name shares the most two-character words with the text (a hint, not a choice). */
function suggest(categories: Category[], text: string): Category | null {
  let best: Category | null = null;
  let bestScore = 0;
  for (const c of categories) {
    if (c.parentId === null) continue;
    let score = 0;
    for (let i = 0; i + 2 <= c.name.length; i++) if (text.includes(c.name.slice(i, i + 2))) score++;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

interface Photo {
  blob: Blob;
  url: string;
}

/**
 * Raise an opinion: the station (chosen here when the page was opened from the home page, not from
 * a station), content, optional category, place, photos, who (or anonymous), consent. Sent, it
 * goes to the receipt page.
 */
export default function NewOpinionPage() {
  const t = useT();
  const { lang } = usePrefs();
  const { query } = useLocation();
  const fixedStation = Number(query.get('station')) || 0;
  const [picked, setPicked] = useState(0);
  const stationId = fixedStation || picked;
  const deputyId = Number(query.get('deputy')) || null;
  const via = query.get('via') === 'qrCode' ? 'qrCode' : 'online';
  const station = useData<PublicStation>(stationId ? `/api/public/stations/${stationId}` : null);
  const categories = useData<{ items: Category[] }>('/api/public/categories');
  const choices = useData<{ items: PublicStationSummary[] }>(fixedStation ? null : '/api/public/stations?limit=100');

  const [content, setContent] = useState('');
  const [categoryId, setCategoryId] = useState<number | null>(null);
  const [location, setLocation] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [phoneToken, setPhoneToken] = useState<string | null>(null);
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState<null | 'solving' | 'sending'>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // One key per opinion: a retry after a lost answer is the same submission, not a second one.
  const key = useRef(newKey());
  const pow = useRef<Promise<string> | null>(null);

  useEffect(() => {
    // Start the proof of work while the constituent writes.
    pow.current = solveAltcha();
    pow.current.catch(() => undefined);
  }, []);
  useEffect(() => () => photos.forEach((p) => URL.revokeObjectURL(p.url)), [photos]);

  const hint = useMemo(
    () => (categories.data && content.length >= 4 ? suggest(categories.data.items, content) : null),
    [categories.data, content],
  );

  if (fixedStation && station.error) return <ErrorBox error={station.error} retry={station.reload} />;
  if (fixedStation && !station.data) return <Loading />;
  if (!fixedStation && choices.error) return <ErrorBox error={choices.error} retry={choices.reload} />;
  const s = station.data;
  const deputy = deputyId ? s?.deputies.find((d) => d.id === deputyId) : undefined;

  const addPhotos = async (files: FileList | null) => {
    setPhotoError(null);
    if (!files) return;
    const next = [...photos];
    for (const file of Array.from(files)) {
      if (next.length >= MAX_PHOTOS) {
        setPhotoError(t('photoTooMany', { max: MAX_PHOTOS }));
        break;
      }
      if (file.size > PICK_MAX_MB * 1024 * 1024) {
        setPhotoError(t('photoTooBig', { name: file.name, mb: PHOTO_MAX_MB }));
        continue;
      }
      if (!(await sniff(file))) {
        setPhotoError(t('photoNotImage', { name: file.name }));
        continue;
      }
      const blob = await compress(file);
      if (blob.size > PHOTO_MAX_MB * 1024 * 1024) {
        setPhotoError(t('photoTooBig', { name: file.name, mb: PHOTO_MAX_MB }));
        continue;
      }
      next.push({ blob, url: URL.createObjectURL(blob) });
    }
    setPhotos(next);
  };

  const check = () => {
    const e: Record<string, string> = {};
    if (!stationId) e.stationId = t('stationRequired');
    if (!content.trim()) e.content = t('contentRequired');
    else if (content.trim().length > MAX_CONTENT) e.content = t('tooLong', { max: MAX_CONTENT });
    if (!anonymous && phone.trim() && !phoneToken) e.phoneToken = t('needVerify');
    if (!consent) e.consent = t('consentRequired');
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    setFormError(null);
    const found = check();
    setErrors(found);
    if (Object.keys(found).length) {
      setFormError(t('fixErrors'));
      return;
    }
    try {
      setBusy('solving');
      // A proof whose puzzle could not be fetched (the server was unreachable) is asked for again.
      const altcha = await (pow.current ?? solveAltcha()).catch(() => solveAltcha());
      pow.current = null;
      setBusy('sending');
      const data = {
        stationId,
        deputyId,
        via,
        content: content.trim(),
        categoryId,
        location: location.trim() || null,
        anonymous,
        name: anonymous ? null : name.trim() || null,
        phone: anonymous ? null : phone.trim() || null,
        phoneToken: anonymous ? null : phoneToken,
        consent: true,
        altcha,
        idempotencyKey: key.current,
      };
      let body: unknown = data;
      if (photos.length) {
        const form = new FormData();
        form.append('data', JSON.stringify(data));
        photos.forEach((p, i) => form.append('photo', p.blob, `photo-${i + 1}.jpg`));
        body = form;
      }
      const result = await post<PublicSubmissionResult>('/api/public/opinions', body);
      keepReceipt({ ...result, stationName: s?.name ?? '', at: new Date().toISOString() });
      navigate(`/receipt?code=${encodeURIComponent(result.receiptCode)}`);
    } catch (err) {
      if (err instanceof ApiError) {
        const fields: Record<string, string> = {};
        for (const f of err.fields) {
          const m = /^body\.(\w+)(?:\.(\d+))?/.exec(f.path);
          if (m)
            fields[m[1] === 'data' ? 'content' : m[1]!] = m[2]
              ? `${t('photos', { max: MAX_PHOTOS })} ${Number(m[2]) + 1}: ${f.message}`
              : f.message;
        }
        setErrors(fields);
        setFormError(err.message);
      } else setFormError(String(err));
    } finally {
      // A fresh proof for the next attempt: each is spent once.
      pow.current = solveAltcha();
      pow.current.catch(() => undefined);
      setBusy(null);
    }
  };

  const length = content.trim().length;
  const err = (k: string) =>
    errors[k] ? (
      <p className="error" id={`${k}-error`} role="alert">
        {errors[k]}
      </p>
    ) : null;

  return (
    <form className="card" onSubmit={submit} noValidate>
      <h1>{t('newTitle')}</h1>
      {fixedStation && s ? (
        <p className="muted">
          {t('toStation', { name: s.name })}
          {deputy && (
            <>
              <br />
              {t('toDeputy', { name: deputy.name })}
            </>
          )}
        </p>
      ) : (
        <label className="field">
          <span className="label">{t('chooseStation')}</span>
          <select
            className="input"
            name="station"
            value={picked || ''}
            onChange={(e) => setPicked(Number(e.target.value) || 0)}
            aria-invalid={!!errors.stationId}
          >
            <option value="">{t('chooseStationNone')}</option>
            {choices.data?.items
              .filter((c) => c.onlineEnabled)
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>
          {err('stationId')}
        </label>
      )}
      <label className="field">
        <span className="label">{t('content')}</span>
        <textarea
          className="input"
          name="content"
          rows={6}
          value={content}
          placeholder={t('contentHint')}
          onChange={(e) => setContent(e.target.value)}
          aria-invalid={!!errors.content}
          aria-describedby="content-count"
        />
        <span id="content-count" className={length > MAX_CONTENT ? 'error' : 'muted'}>
          {t('chars', { n: length, max: MAX_CONTENT })}
        </span>
        {err('content')}
      </label>
      {categories.data && (
        <label className="field">
          <span className="label">{t('category')}</span>
          <select
            className="input"
            name="category"
            value={categoryId ?? ''}
            onChange={(e) => setCategoryId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{t('categoryNone')}</option>
            {categories.data.items
              .filter((c) => c.parentId === null)
              .map((parent) => (
                <optgroup key={parent.id} label={lang === 'en' ? parent.nameEn : parent.name}>
                  {categories
                    .data!.items.filter((c) => c.parentId === parent.id)
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {lang === 'en' ? c.nameEn : c.name}
                      </option>
                    ))}
                </optgroup>
              ))}
          </select>
          {hint && categoryId !== hint.id && (
            <button type="button" className="btn ghost" style={{ marginTop: 6 }} onClick={() => setCategoryId(hint.id)}>
              {lang === 'en' ? `Suggested: ${hint.nameEn}` : `建议分类：${hint.name}`}
            </button>
          )}
          {err('categoryId')}
        </label>
      )}
      <label className="field">
        <span className="label">{t('location')}</span>
        <input
          className="input"
          name="location"
          value={location}
          maxLength={200}
          placeholder={t('locationPlaceholder')}
          onChange={(e) => setLocation(e.target.value)}
        />
      </label>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: '0 0 14px' }}>
        <legend className="label" style={{ fontWeight: 600 }}>
          {t('photos', { max: MAX_PHOTOS })}
        </legend>
        <div className="photos">
          {photos.map((p, i) => (
            <div className="photo" key={p.url}>
              <img src={p.url} alt="" />
              <button
                type="button"
                aria-label={t('removePhoto', { n: i + 1 })}
                onClick={() => setPhotos(photos.filter((x) => x !== p))}
              >
                ×
              </button>
            </div>
          ))}
          {photos.length < MAX_PHOTOS && (
            <label className="add-photo">
              {t('addPhoto')}
              <input
                type="file"
                name="photo"
                accept="image/*"
                multiple
                onChange={(e) => {
                  void addPhotos(e.target.files);
                  e.target.value = '';
                }}
              />
            </label>
          )}
        </div>
        <p className="muted">{t('photoNote')}</p>
        {photoError && (
          <p className="error" role="alert">
            {photoError}
          </p>
        )}
        {err('photo')}
      </fieldset>
      <fieldset className="field" style={{ border: 0, padding: 0, margin: '0 0 14px' }}>
        <legend className="label" style={{ fontWeight: 600 }}>
          {t('who')}
        </legend>
        <label className="check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} />
          <span>{t('anonymous')}</span>
        </label>
        {!anonymous && (
          <>
            <label className="field">
              <span className="label">{t('name')}</span>
              <input
                className="input"
                name="name"
                autoComplete="name"
                maxLength={50}
                value={name}
                onChange={(e) => setName(e.target.value)}
                aria-invalid={!!errors.name}
              />
              {err('name')}
            </label>
            <PhoneVerify
              phone={phone}
              onPhone={(v) => {
                setPhone(v);
                setPhoneToken(null);
              }}
              onToken={setPhoneToken}
              error={errors.phoneToken ?? errors.phone}
            />
          </>
        )}
      </fieldset>
      <Consent checked={consent} onChange={setConsent} error={errors.consent} />
      {formError && (
        <p className="error" role="alert" data-testid="form-error">
          {formError}
        </p>
      )}
      {err('altcha')}
      <Button block color="primary" size="large" type="submit" loading={!!busy} disabled={!!busy}>
        {busy === 'solving' ? t('solving') : busy === 'sending' ? t('submitting') : t('submit')}
      </Button>
    </form>
  );
}
