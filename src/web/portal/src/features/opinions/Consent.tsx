import { useT } from '../../app/i18n.js';

/** "I have read and accept the privacy notice": a box to tick, the notice one tap away. */
export function Consent({
  checked,
  onChange,
  error,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
}) {
  const t = useT();
  return (
    <div className="field">
      <label className="check">
        <input
          type="checkbox"
          name="consent"
          checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-invalid={!!error}
        />
        <span>
          {t('consent')}{' '}
          <a href="/privacy" target="_blank" rel="noopener">
            {t('privacyNotice')}
          </a>
        </span>
      </label>
      {error && (
        <p className="error" id="consent-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
