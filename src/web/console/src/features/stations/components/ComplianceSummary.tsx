import { Alert, Button } from 'antd';
import { useT } from '../../../app/i18n.js';
import { useStationSummary } from '../api.js';

/** The banner over the station list: how many active stations in scope break the composition rules. */
export function ComplianceSummary({ onShowProblems }: { onShowProblems: () => void }) {
  const t = useT();
  const summary = useStationSummary();
  if (!summary.data) return null;
  const n = summary.data.withProblems;
  if (n === 0) {
    return <Alert type="success" showIcon title={t('stations.summaryOk')} data-testid="compliance-summary" />;
  }
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="compliance-summary"
      title={t('stations.summaryProblems', { n })}
      description={t('stations.summaryProblemsHint')}
      action={
        <Button size="small" onClick={onShowProblems}>
          {t('stations.showProblems')}
        </Button>
      }
    />
  );
}
