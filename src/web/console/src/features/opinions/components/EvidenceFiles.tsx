import { CloseOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../app/i18n.js';
import { AttachFileButton } from './AttachFileButton.js';

/**
 * A unit's evidence for its answer (photos, PDFs): each attached to the opinion at once, the file
 * ids kept in the form (works inside a Form.Item) and sent with the answer.
 */
export function EvidenceFiles({
  id,
  opinionId,
  value = [],
  onChange,
}: {
  id?: string;
  opinionId: number;
  value?: number[];
  onChange?: (value: number[]) => void;
}) {
  const t = useT();
  const [names, setNames] = useState<Record<number, string>>({});
  return (
    <Flex vertical gap={8} id={id} data-testid="evidence">
      {value.map((fileId) => (
        <Flex key={fileId} gap={8} align="center" data-testid="evidence-file">
          <FileTextOutlined />
          <Typography.Text ellipsis style={{ flex: 1, minWidth: 0 }}>
            {names[fileId] ?? `#${fileId}`}
          </Typography.Text>
          <Button
            size="small"
            type="text"
            icon={<CloseOutlined />}
            aria-label={t('opinions.evidence.remove')}
            onClick={() => onChange?.(value.filter((x) => x !== fileId))}
          />
        </Flex>
      ))}
      <AttachFileButton
        opinionId={opinionId}
        label={t('opinions.evidence.add')}
        testId="evidence-add"
        onAttached={(f, fileName) => {
          setNames((n) => ({ ...n, [f.id]: fileName }));
          onChange?.([...value, f.id]);
        }}
      />
    </Flex>
  );
}
