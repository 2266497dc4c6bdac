import { PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Result, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';

export interface Receipt {
  id: number;
  receiptCode: string;
  stationName: string;
  at: string;
}

/* Printing shows the receipt alone (a slip for the constituent). */
const printCss = `@media print {
  body * { visibility: hidden; }
  .opinion-receipt, .opinion-receipt * { visibility: visible; }
  .opinion-receipt { position: absolute; inset: 0 auto auto 0; width: 100%; border: 0; }
  .opinion-receipt .no-print { display: none; }
}`;

/** After registering: the receipt code, large, for the constituent to write down or take printed. */
export function ReceiptCard({ receipt, onNext }: { receipt: Receipt; onNext: () => void }) {
  const t = useT();
  const { lang } = usePrefs();
  const navigate = useNavigate();
  return (
    <Card className="opinion-receipt">
      <style>{printCss}</style>
      <Result status="success" title={t('opinions.new.done')} subTitle={t('opinions.new.receiptHint')}>
        <Flex vertical align="center" gap={8}>
          <Typography.Text type="secondary" style={{ fontSize: '1.1em' }}>
            {t('opinions.new.receipt')}
          </Typography.Text>
          <Typography.Text
            strong
            copyable={{ text: receipt.receiptCode }}
            data-testid="receipt-code"
            // Read out to the constituent: on one line, also on a phone (smaller there, never broken).
            style={{
              fontSize: 'clamp(1.5em, 8vw, 3em)',
              fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
              letterSpacing: '0.08em',
              whiteSpace: 'nowrap',
            }}
          >
            {receipt.receiptCode}
          </Typography.Text>
          <Typography.Text>{t('opinions.new.receiptStation', { station: receipt.stationName })}</Typography.Text>
          <Typography.Text>{t('opinions.new.receiptTime', { time: formatDateTime(receipt.at, lang) })}</Typography.Text>
          <Flex gap={8} justify="center" wrap className="no-print" style={{ marginTop: 24 }}>
            <Button type="primary" size="large" autoFocus onClick={onNext} data-testid="register-next">
              {t('opinions.new.next')}
            </Button>
            <Button size="large" icon={<PrinterOutlined />} onClick={() => window.print()}>
              {t('opinions.new.print')}
            </Button>
            <Button size="large" onClick={() => void navigate(`/opinions/${receipt.id}`)}>
              {t('opinions.new.view')}
            </Button>
          </Flex>
        </Flex>
      </Result>
    </Card>
  );
}
