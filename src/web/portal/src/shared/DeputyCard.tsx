import { useT } from '../app/i18n.js';
import { follow } from '../app/router.js';
import { levelKey } from './labels.js';
import type { PublicDeputy } from './types.js';

/** A deputy in a list: photo, name, levels, public contact. */
export function DeputyCard({ deputy, link = true }: { deputy: PublicDeputy; link?: boolean }) {
  const t = useT();
  const body = (
    <>
      {deputy.photoUrl ? (
        <img className="avatar" src={deputy.photoUrl} alt={t('photoOf', { name: deputy.name })} loading="lazy" />
      ) : (
        <span className="avatar" aria-hidden="true" />
      )}
      <span>
        <strong>{deputy.name}</strong> {deputy.isHead && <span className="tag">{t('head')}</span>}
        <br />
        {deputy.levels.map((l) => t(levelKey(l))).join(t('listSep'))}
        {deputy.publicContact && (
          <>
            <br />
            {t('contact')}
            {t('colon')}
            {deputy.publicContact}
          </>
        )}
      </span>
    </>
  );
  return link ? (
    <a className="deputy list-link" href={`/d/${deputy.id}`} onClick={follow}>
      <span className="deputy">{body}</span>
    </a>
  ) : (
    <div className="deputy">{body}</div>
  );
}
