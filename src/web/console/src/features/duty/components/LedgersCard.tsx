import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../app/i18n.js';
import { useMe } from '../../../app/session.js';
import { ledgerXlsx } from '../events-api.js';
import { chinaYear } from '../../../../../../contracts/calendar.js';

/** The ledgers (台账) of a body for a period as Excel: the reception register and the duty-registration ledger. */
export function LedgersCard() {
  const t = useT();
  const me = useMe();
  const orgs = [...new Map(me.roles.filter((r) => r.role !== 'deputy').map((r) => [r.orgId, r.orgName]))];
  const year = chinaYear();
  const [orgId, setOrgId] = useState(orgs[0]?.[0]);
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  return (
    <Card size="small" title={t('dutyLedgers.title')} className="duty-no-print">
      <Flex gap={8} wrap align="center">
        <Select
          aria-label={t('dutyEvents.org')}
          value={orgId}
          onChange={setOrgId}
          style={{ minWidth: 200 }}
          options={orgs.map(([value, name]) => ({ value, label: name }))}
        />
        <Input
          type="date"
          aria-label={t('dutyLedgers.from')}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          style={{ width: 150 }}
        />
        <Typography.Text>—</Typography.Text>
        <Input
          type="date"
          aria-label={t('dutyLedgers.to')}
          value={to}
          onChange={(e) => setTo(e.target.value)}
          style={{ width: 150 }}
        />
        {orgId !== undefined && (
          <>
            <Button icon={<DownloadOutlined />} href={ledgerXlsx('receptions', orgId, from, to)}>
              {t('dutyLedgers.receptions')}
            </Button>
            <Button icon={<DownloadOutlined />} href={ledgerXlsx('duty', orgId, from, to)}>
              {t('dutyLedgers.duty')}
            </Button>
          </>
        )}
      </Flex>
    </Card>
  );
}
