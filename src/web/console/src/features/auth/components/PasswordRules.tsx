import { CheckCircleFilled, CloseCircleOutlined } from '@ant-design/icons';
import { Flex, Typography, theme } from 'antd';
import { useT } from '../../../app/i18n.js';
import { failedPasswordRules, passwordRules } from '../password-policy.js';

/** The password rules, each ticked off as the new password meets it. */
export function PasswordRules({ password, username }: { password: string; username: string }) {
  const t = useT();
  const { token } = theme.useToken();
  const failed = failedPasswordRules(password, username);
  return (
    <Flex vertical gap={2} style={{ marginTop: 6 }} aria-live="polite">
      {passwordRules.map((rule) => {
        const typed = password.length > 0;
        const ok = typed && !failed.includes(rule);
        return (
          <Typography.Text
            key={rule}
            type={ok ? 'success' : typed ? 'danger' : 'secondary'}
            style={{ fontSize: '0.9em' }}
          >
            {ok ? (
              <CheckCircleFilled style={{ color: token.colorSuccess }} />
            ) : (
              <CloseCircleOutlined style={{ color: typed ? token.colorError : token.colorTextTertiary }} />
            )}{' '}
            {t(`pw.rule.${rule}`)}
          </Typography.Text>
        );
      })}
    </Flex>
  );
}
