import { Flex, Tag, Typography } from 'antd';
import type { StationView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';

/** The station's reception days: the rule in words, the note, and the next three dates. */
export function ReceptionDays({ station, compact }: { station: StationView; compact?: boolean }) {
  const t = useT();
  const { lang } = usePrefs();
  const described = station.receptionDescription
    ? lang === 'en'
      ? station.receptionDescription.en
      : station.receptionDescription.zh
    : null;
  if (!described && !station.receptionRule) {
    return <Typography.Text type="secondary">{t('stations.wallMissing')}</Typography.Text>;
  }
  return (
    <Flex vertical gap={4} data-testid="reception-days">
      {described ? <span>{described}</span> : null}
      {station.receptionRule ? <span style={{ whiteSpace: 'pre-wrap' }}>{station.receptionRule}</span> : null}
      {station.nextReceptions.length ? (
        <Flex gap={6} wrap align="center" data-testid="next-receptions">
          <span style={{ color: '#595959' }}>
            {t('stations.nextReceptions')}
            {t('common.colon')}
          </span>
          {station.nextReceptions.map((day) =>
            compact ? (
              <span key={day}>{day}</span>
            ) : (
              <Tag key={day} color="red" style={{ marginInlineEnd: 0 }}>
                {day}
              </Tag>
            ),
          )}
        </Flex>
      ) : null}
    </Flex>
  );
}
