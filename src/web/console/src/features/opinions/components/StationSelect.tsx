import { Select } from 'antd';
import { useT } from '../../../app/i18n.js';
import { useStations } from '../api.js';

/** One station in the user's scope, searchable by name (works inside a Form.Item). */
export function StationSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
}) {
  const t = useT();
  const stations = useStations();
  return (
    <Select<number>
      id={id}
      data-testid="opinion_orgId"
      value={value}
      onChange={(next) => onChange?.(next)}
      options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
      loading={stations.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('opinions.new.stationRequired')}
    />
  );
}
