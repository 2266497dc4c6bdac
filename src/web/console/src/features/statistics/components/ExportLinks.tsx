import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import type { ChartExportQuery } from '../../../../../../contracts/statistics.js';
import { useT } from '../../../app/i18n.js';
import { chartExportUrl, type DashboardParams } from '../api.js';

/** The data behind one chart or table as Excel or CSV (plain links: the browser downloads with the session cookie). */
export function ExportLinks({ params, part }: { params: DashboardParams; part: ChartExportQuery['part'] }) {
  const t = useT();
  return (
    <Space size={4}>
      {(['xlsx', 'csv'] as const).map((f) => (
        <Button
          key={f}
          size="small"
          type="text"
          icon={<DownloadOutlined />}
          href={chartExportUrl(params, part, f)}
          download
          aria-label={t('statistics.exportChart', { format: f === 'xlsx' ? 'Excel' : 'CSV' })}
          data-testid={`stat-export-${part}-${f}`}
        >
          {f === 'xlsx' ? 'Excel' : 'CSV'}
        </Button>
      ))}
    </Space>
  );
}
