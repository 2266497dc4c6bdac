import { CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Typography } from 'antd';
import { useRef, useState } from 'react';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useAttachFile } from '../api.js';

/**
 * The scan (photo or PDF) of a paper sign-off: attached to the opinion, its file id kept in the
 * form (works inside a Form.Item).
 */
export function SignOffScan({
  id,
  opinionId,
  value,
  onChange,
}: {
  id?: string;
  opinionId: number;
  value?: number;
  onChange?: (value: number | undefined) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const attach = useAttachFile(opinionId);
  const [name, setName] = useState<string>();
  return (
    <Flex gap={8} align="center" wrap id={id}>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        hidden
        data-testid="sign-off-scan-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file)
            attach.mutate(file, {
              onSuccess: (f) => {
                setName(file.name);
                onChange?.(f.id);
              },
              onError: (error) => void message.error(errorMessage(error, t)),
            });
        }}
      />
      <Button icon={<UploadOutlined />} loading={attach.isPending} onClick={() => input.current?.click()}>
        {value ? t('opinions.form.signOffScanReplace') : t('opinions.form.signOffScanUpload')}
      </Button>
      {value ? (
        <Typography.Text type="success" data-testid="sign-off-scan-done">
          <CheckCircleOutlined /> {name ?? t('opinions.form.signOffScanAttached')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
