import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useRef, type ReactNode } from 'react';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useAttachFile } from '../api.js';

/**
 * Adds a photo (JPEG, PNG, WebP) or a PDF to the opinion; the server checks and cleans it. With
 * `onAttached` the caller takes the new file (e.g. the scan of a sign-off) instead of a message.
 */
export function AttachFileButton({
  opinionId,
  label,
  icon = <PaperClipOutlined />,
  onAttached,
  testId = 'attach-file',
}: {
  opinionId: number;
  label?: ReactNode;
  icon?: ReactNode;
  onAttached?: (file: { id: number }, name: string) => void;
  testId?: string;
}) {
  const t = useT();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const attach = useAttachFile(opinionId);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/jpeg,image/png,image/webp,application/pdf"
        hidden
        // Inside a form antd shows file inputs (display: block) whatever `hidden` says.
        style={{ display: 'none' }}
        data-testid={`${testId}-input`}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file)
            attach.mutate(file, {
              onSuccess: (f) =>
                onAttached ? onAttached(f, file.name) : void message.success(t('opinions.files.added')),
              onError: (error) => void message.error(errorMessage(error, t)),
            });
        }}
      />
      <Button icon={icon} loading={attach.isPending} onClick={() => input.current?.click()} data-testid={testId}>
        {label ?? t('opinions.files.add')}
      </Button>
    </>
  );
}
