import { Button, Radio } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../../app/i18n.js';
import type { DashboardParams } from '../api.js';
import { presetRange, presets, type Preset } from '../format.js';

/** The period preset and organisation of a statistics page, kept in its address. */
export function usePeriodSearch() {
  const [search, setSearch] = useSearchParams();
  const preset = (presets as readonly string[]).includes(search.get('period') ?? '')
    ? (search.get('period') as Preset)
    : 'year';
  const orgId = Number(search.get('orgId')) || undefined;
  const params: DashboardParams = { ...presetRange(preset), orgId };
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  return { preset, orgId, params, set };
}

/** The period buttons (buttons, not a segmented bar: on a phone in large text the four periods wrap). */
export function PeriodButtons({ preset, onChange }: { preset: Preset; onChange: (p: string) => void }) {
  const t = useT();
  return (
    <Radio.Group
      optionType="button"
      value={preset}
      onChange={(e) => onChange(String(e.target.value))}
      options={presets.map((p) => ({ value: p, label: t(`statistics.period.${p}`) }))}
      style={{ display: 'flex', flexWrap: 'wrap', rowGap: 8 }}
      data-testid="stat-period"
    />
  );
}

/** Back to the dashboard of the same organisation. */
export function BackToStatistics({ orgId }: { orgId: number | undefined }) {
  const t = useT();
  return (
    <Link to={`/statistics${orgId ? `?orgId=${orgId}` : ''}`}>
      <Button>{t('statistics.drill.back')}</Button>
    </Link>
  );
}
