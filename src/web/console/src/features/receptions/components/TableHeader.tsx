import { Alert, Flex, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ReceptionView } from '../../../app/contracts.js';
import { useT } from '../../../app/i18n.js';
import { LanguageSwitch } from '../../../app/LanguageSwitch.js';
import { LargeTextToggle } from '../../../app/LargeTextToggle.js';
import { ModeTag, StatusTag } from './ReceptionTags.js';

/** The table's title line (network state, offline readiness, language, large text) and the reception's when and where. */
export function TableHeader({
  reception,
  online,
  offlineReady,
  fromSnapshot,
}: {
  reception: ReceptionView;
  online: boolean;
  offlineReady: boolean;
  fromSnapshot: boolean;
}) {
  const t = useT();
  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Link to={`/receptions/${reception.id}`}>{t('receptions.back')}</Link>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('receptions.table.title')} · {reception.stationName}
          </Typography.Title>
          <StatusTag status={reception.status} />
          <ModeTag mode={reception.mode} />
        </Space>
        <Space wrap>
          <Tag color={online ? 'green' : 'red'} data-testid="network-state">
            {online ? t('receptions.table.online') : t('receptions.table.offline')}
          </Tag>
          <span data-testid="offline-ready" data-ready={offlineReady ? 'true' : 'false'}>
            {offlineReady ? <Tag>{t('receptions.table.offlineReady')}</Tag> : null}
          </span>
          <LanguageSwitch />
          <LargeTextToggle />
        </Space>
      </Flex>
      <Typography.Paragraph type="secondary">
        {reception.day} {reception.start}–{reception.end} · {reception.place ?? reception.stationAddress ?? ''}
        {reception.theme ? ` · ${reception.theme}` : ''}
      </Typography.Paragraph>
      {fromSnapshot ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('receptions.table.snapshot')} />
      ) : null}
    </>
  );
}
