import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Typography } from 'antd';
import { useT } from '../../../app/i18n.js';

export interface IssuedPassword {
  displayName: string;
  username: string;
  password: string;
}

/** A one-time password, shown once, with a copy button; closes only on purpose. */
export function TemporaryPasswordModal({ issued, onClose }: { issued: IssuedPassword | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open={issued !== null}
      title={t('tempPw.title')}
      onCancel={onClose}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('tempPw.done')}
        </Button>
      }
    >
      {issued ? (
        <>
          <Typography.Paragraph>
            {t('tempPw.for', { name: issued.displayName, username: issued.username })}
          </Typography.Paragraph>
          <div
            style={{
              background: '#f6f8fa',
              border: '1px solid #d9d9d9',
              borderRadius: 8,
              padding: '12px 16px',
              marginBottom: 16,
            }}
          >
            <Typography.Text
              copyable={{
                text: issued.password,
                icon: [
                  <Button key="copy" size="small" icon={<CopyOutlined />} tabIndex={-1}>
                    {t('tempPw.copy')}
                  </Button>,
                  <Button key="copied" size="small" icon={<CheckOutlined />} tabIndex={-1}>
                    {t('tempPw.copied')}
                  </Button>,
                ],
                tooltips: false,
              }}
              style={{
                fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
                fontSize: '1.3em',
                letterSpacing: '0.05em',
              }}
            >
              <span data-testid="temporary-password">{issued.password}</span>
            </Typography.Text>
          </div>
          <Alert type="warning" showIcon title={t('tempPw.hint')} />
        </>
      ) : null}
    </Modal>
  );
}
