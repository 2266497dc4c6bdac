import { Select } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../../app/i18n.js';
import { useStations } from '../../opinions/api.js';

/** A station picker shared by the tabs (remembers the choice in the address). */
export function useStationChoice() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const stations = useStations();
  const fromUrl = Number(params.get('station')) || undefined;
  const stationId = fromUrl ?? stations.data?.[0]?.id;
  const select = (
    <Select<number>
      style={{ minWidth: 240 }}
      aria-label={t('receptions.station')}
      data-testid="reception-station"
      value={stationId}
      loading={stations.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
      onChange={(v) =>
        setParams((p) => {
          p.set('station', String(v));
          return p;
        })
      }
    />
  );
  return { stationId, select };
}
