import { PaperClipOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useRef } from 'react';
import { errorMessage } from '../../../app/form-errors.js';
import { useT } from '../../../app/i18n.js';
import { useAttachFile } from '../api.js';

/** Adds a photo (JPEG, PNG, WebP) or a PDF to the opinion; the server checks and cleans it. */
export function AttachFileButton({ opinionId }: { opinionId: number }) {
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
        data-testid="attach-file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file)
            attach.mutate(file, {
              onSuccess: () => void message.success(t('opinions.files.added')),
              onError: (error) => void message.error(errorMessage(error, t)),
            });
        }}
      />
      <Button
        icon={<PaperClipOutlined />}
        loading={attach.isPending}
        onClick={() => input.current?.click()}
        data-testid="attach-file"
      >
        {t('opinions.files.add')}
      </Button>
    </>
  );
}
