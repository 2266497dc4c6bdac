import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Modal, Typography, Upload } from 'antd';
import { ResponsiveTable } from '../../../app/ResponsiveTable.js';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, withQuery } from '../../../app/api-client.js';
import { ApiError } from '../../../app/api-error.js';
import type { ImportProblem, ImportResult } from '../../../app/contracts.js';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { OrgTreeSelect } from '../../orgs/components/OrgTreeSelect.js';

interface ImportValues {
  orgId: number;
}

/**
 * "Import" for a list: choose the organisation and the file, and the server checks every row
 * before it applies any; a refused file comes back as a table of row, column and problem.
 * Form "import", so fields are #import_orgId, #import_file.
 */
export function TableImportButton({
  what,
  importUrl,
  templateUrl,
  defaultOrgId,
  onImported,
  testId,
}: {
  /** What is imported, for the title (e.g. 联络站). */
  what: string;
  importUrl: string;
  templateUrl: string;
  defaultOrgId?: number;
  onImported: () => void;
  testId: string;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [form] = Form.useForm<ImportValues>();
  const run = useMutation({
    mutationFn: ({ orgId, body }: { orgId: number; body: File }) =>
      api<ImportResult>('POST', withQuery(importUrl, { orgId }), body),
    onSuccess: onImported,
  });

  const close = () => {
    setOpen(false);
    setFile(null);
    run.reset();
    form.resetFields();
  };

  const rejected = run.error instanceof ApiError && run.error.code === 'IMPORT_REJECTED' ? run.error : null;
  const problems = (rejected?.details.rows as ImportProblem[] | undefined) ?? [];
  const problemCount = Number(rejected?.details.problemCount ?? problems.length);

  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid={testId}>
        {t('import.button')}
      </Button>
      <Modal
        open={open}
        title={t('import.title', { what })}
        onCancel={close}
        footer={null}
        width={720}
        destroyOnHidden
        mask={{ closable: false }}
      >
        <Flex vertical gap={16}>
          <Alert type="info" showIcon title={t('import.hint')} />
          <a href={templateUrl} download data-testid="import-template">
            <DownloadOutlined /> {t('import.template')}
          </a>
          <Form<ImportValues>
            form={form}
            name="import"
            layout="vertical"
            requiredMark={false}
            initialValues={{ orgId: defaultOrgId }}
            onFinish={(values) => {
              if (file) run.mutate({ orgId: values.orgId, body: file });
            }}
          >
            <Form.Item
              name="orgId"
              label={t('import.org')}
              extra={t('import.orgHelp')}
              rules={[{ required: true, message: t('import.orgRequired') }]}
            >
              <OrgTreeSelect />
            </Form.Item>
            <Form.Item label={t('import.file')} required>
              <Upload
                accept=".xlsx,.csv"
                maxCount={1}
                beforeUpload={(f) => {
                  setFile(f);
                  run.reset();
                  return false;
                }}
                onRemove={() => setFile(null)}
                fileList={
                  file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size, type: file.type }] : []
                }
              >
                <Button icon={<UploadOutlined />} id="import_file">
                  {t('import.choose')}
                </Button>
              </Upload>
            </Form.Item>
            {run.isSuccess ? (
              <Alert
                type="success"
                showIcon
                data-testid="import-done"
                title={t('import.done', { ...run.data })}
                style={{ marginBottom: 16 }}
              />
            ) : null}
            {rejected ? (
              <Flex vertical gap={8} style={{ marginBottom: 16 }} data-testid="import-problems">
                <Alert type="error" showIcon title={t('import.rejected', { n: problemCount })} />
                <ResponsiveTable<ImportProblem>
                  size="small"
                  rowKey={(p) => `${p.row}-${p.column}-${p.problem}`}
                  dataSource={problems}
                  pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                  columns={[
                    { key: 'row', title: t('import.col.row'), dataIndex: 'row', width: 70 },
                    { key: 'column', title: t('import.col.column'), dataIndex: 'column', width: 130 },
                    { key: 'problem', title: t('import.col.problem'), dataIndex: 'problem' },
                  ]}
                />
              </Flex>
            ) : run.error ? (
              <div style={{ marginBottom: 16 }}>
                <ErrorAlert error={run.error} />
              </div>
            ) : null}
            <Flex justify="flex-end" gap={8}>
              <Button onClick={close}>{run.isSuccess ? t('import.close') : t('common.cancel')}</Button>
              {run.isSuccess ? null : (
                <Button
                  type="primary"
                  htmlType="submit"
                  disabled={!file}
                  loading={run.isPending}
                  data-testid="import-submit"
                >
                  {t('import.submit')}
                </Button>
              )}
            </Flex>
          </Form>
          {file ? null : (
            <Typography.Text type="secondary" style={{ fontSize: '0.9em' }}>
              {t('import.fileRequired')}
            </Typography.Text>
          )}
        </Flex>
      </Modal>
    </>
  );
}

/** "Export": the list as filtered, as an .xlsx download (the session cookie goes along). */
export function TableExportButton({ href, testId }: { href: string; testId: string }) {
  const t = useT();
  return (
    <Button icon={<DownloadOutlined />} href={href} download data-testid={testId}>
      {t('import.export')}
    </Button>
  );
}
