import { CheckCircleOutlined, UploadOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../app/i18n.js';
import { AttachFileButton } from './AttachFileButton.js';

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
  const [name, setName] = useState<string>();
  return (
    <Flex gap={8} align="center" wrap id={id}>
      <AttachFileButton
        opinionId={opinionId}
        icon={<UploadOutlined />}
        label={value ? t('opinions.form.signOffScanReplace') : t('opinions.form.signOffScanUpload')}
        testId="sign-off-scan"
        onAttached={(f, fileName) => {
          setName(fileName);
          onChange?.(f.id);
        }}
      />
      {value ? (
        <Typography.Text type="success" data-testid="sign-off-scan-done">
          <CheckCircleOutlined /> {name ?? t('opinions.form.signOffScanAttached')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
