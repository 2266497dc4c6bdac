import { DownloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useMe } from '../../../app/session.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';
import { downloadLedger } from '../api.js';
import { chinaDay } from '../../../../../../contracts/calendar.js';

interface LedgerValues {
  orgId?: number;
  range?: [Dayjs | null, Dayjs | null];
}

/** 导出台账: a station's (or a body's) opinions for a period, as the .xlsx the county files. */
export function LedgerExportButton({ defaultOrgId }: { defaultOrgId?: number }) {
  const t = useT();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<LedgerValues>();

  const submit = async (values: LedgerValues) => {
    const [from, to] = values.range ?? [];
    if (!values.orgId || !from || !to) return;
    setBusy(true);
    setError(null);
    try {
      await downloadLedger({ orgId: values.orgId, from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
      setOpen(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<DownloadOutlined />} onClick={() => setOpen(true)} data-testid="ledger-export">
        {t('opinions.ledger.export')}
      </Button>
      <Modal
        open={open}
        title={t('opinions.ledger.title')}
        onCancel={() => setOpen(false)}
        footer={null}
        destroyOnHidden
        afterClose={() => setError(null)}
      >
        <Form<LedgerValues>
          form={form}
          name="ledger"
          layout="vertical"
          requiredMark={false}
          onFinish={(v) => void submit(v)}
          initialValues={{
            orgId: defaultOrgId ?? me.orgId,
            range: [dayjs(chinaDay()).startOf('month'), dayjs(chinaDay())],
          }}
        >
          <Typography.Paragraph type="secondary">{t('opinions.ledger.help')}</Typography.Paragraph>
          {error ? (
            <div style={{ marginBottom: 16 }}>
              <ErrorAlert error={error} />
            </div>
          ) : null}
          <Form.Item
            name="orgId"
            label={t('opinions.ledger.org')}
            rules={[{ required: true, message: t('opinions.ledger.orgRequired') }]}
          >
            <OrgTreeSelect />
          </Form.Item>
          <Form.Item
            name="range"
            label={t('opinions.ledger.range')}
            rules={[
              {
                validator: (_, v: LedgerValues['range']) =>
                  v?.[0] && v[1] ? Promise.resolve() : Promise.reject(new Error(t('opinions.ledger.rangeRequired'))),
              },
            ]}
          >
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            icon={<DownloadOutlined />}
            loading={busy}
            block
            data-testid="ledger-download"
          >
            {t('opinions.ledger.download')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}
