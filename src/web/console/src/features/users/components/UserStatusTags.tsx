import { Flex, Tag } from 'antd';
import type { UserView } from '../../../app/contracts.js';
import { formatDateTime, useT } from '../../../app/i18n.js';
import { usePrefs } from '../../../app/prefs.js';
import { isLocked } from '../api.js';

/** Active or disabled, locked (until when), must change password, two-step on. */
export function UserStatusTags({ user, detailed = false }: { user: UserView; detailed?: boolean }) {
  const t = useT();
  const { lang } = usePrefs();
  return (
    <Flex gap={4} wrap>
      {user.status === 'active' ? (
        <Tag color="green" style={{ marginInlineEnd: 0 }}>
          {t('users.status.active')}
        </Tag>
      ) : (
        <Tag color="default" style={{ marginInlineEnd: 0 }}>
          {t('users.status.disabled')}
        </Tag>
      )}
      {user.lockedUntil && isLocked(user) ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }} title={formatDateTime(user.lockedUntil, lang)}>
          {detailed
            ? t('users.tag.lockedUntil', { time: formatDateTime(user.lockedUntil, lang) })
            : t('users.tag.locked')}
        </Tag>
      ) : null}
      {user.mustChangePassword ? (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('users.tag.mustChange')}
        </Tag>
      ) : null}
      {detailed && user.totpEnabled ? (
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>
          {t('users.tag.totp')}
        </Tag>
      ) : null}
    </Flex>
  );
}
