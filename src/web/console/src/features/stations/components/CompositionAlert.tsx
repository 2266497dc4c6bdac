import { Alert } from 'antd';
import type { StationView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';

/** What the station lacks under the standardisation rules, each in words; or that it meets them. */
export function CompositionAlert({ station }: { station: Pick<StationView, 'problems'> }) {
  const t = useT();
  if (station.problems.length === 0) {
    return <Alert type="success" showIcon title={t('stations.compositionOk')} data-testid="composition-ok" />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="composition-problems"
      title={t('stations.compositionProblems', { n: station.problems.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {station.problems.map((p) => (
            <li key={p} data-testid={`problem-${p}`}>
              {t(`problem.${p}`)}
              {p === 'noLiaisonOfficer' ? <div style={{ opacity: 0.75 }}>{t('stations.officerHint')}</div> : null}
            </li>
          ))}
        </ul>
      }
    />
  );
}
