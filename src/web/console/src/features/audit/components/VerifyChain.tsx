import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Flex } from 'antd';
import { ErrorAlert } from '../../../app/ErrorAlert.js';
import { useT } from '../../../app/i18n.js';
import { useVerifyAudit } from '../api.js';

/** "Verify chain": recomputes the trail's HMAC chain and says whether it is intact, or where it breaks. */
export function VerifyChain() {
  const t = useT();
  const known = ['link', 'hash', 'truncated', 'witness'];
  const reasonText = (reason?: string) =>
    reason && known.includes(reason) ? t(`audit.reason.${reason}` as 'audit.reason.link') : (reason ?? '');
  const verify = useVerifyAudit();
  const result = verify.data;
  return (
    <Flex vertical gap={12}>
      <div>
        <Button
          icon={<SafetyCertificateOutlined />}
          onClick={() => verify.mutate()}
          loading={verify.isPending}
          data-testid="audit-verify"
        >
          {t('audit.verify')}
        </Button>
      </div>
      {verify.isError ? <ErrorAlert error={verify.error} /> : null}
      {result ? (
        <div role="status" data-testid="audit-verify-result">
          {result.ok ? (
            <Alert type="success" showIcon title={t('audit.verifyOk', { n: result.rows })} />
          ) : (
            <Alert
              type="error"
              showIcon
              title={
                result.brokenAt !== undefined
                  ? t('audit.verifyBroken', { row: result.brokenAt, reason: reasonText(result.reason) })
                  : t('audit.verifyBrokenNoRow', { reason: reasonText(result.reason) })
              }
            />
          )}
        </div>
      ) : null}
    </Flex>
  );
}
