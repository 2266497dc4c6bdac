import { App, Card, Col, Descriptions, Flex, Row, Tag } from 'antd';
import { useT } from '../../../app/i18n.js';
import { roleLabel } from '../../../app/labels.js';
import { PageTitle } from '../../../app/PageTitle.js';
import { usePrefs } from '../../../app/prefs.js';
import { useMe } from '../../../app/session.js';
import { PasswordChangeForm } from '../../auth/components/PasswordChangeForm.js';
import { SignOutEverywhereCard } from './SignOutEverywhereCard.js';
import { TwoFactorCard } from './TwoFactorCard.js';

/** /console/account: profile, password, two-step verification, sign out everywhere. */
export function AccountPage() {
  const t = useT();
  const { lang } = usePrefs();
  const me = useMe();
  const { message } = App.useApp();

  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <Card title={t('account.profile')}>
              <Descriptions
                column={1}
                size="small"
                styles={{ label: { width: 120 } }}
                items={[
                  { key: 'username', label: t('home.username'), children: me.username },
                  { key: 'displayName', label: t('users.col.displayName'), children: me.displayName },
                  { key: 'org', label: t('home.org'), children: me.orgName },
                  {
                    key: 'roles',
                    label: t('home.roles'),
                    children: me.roles.length ? (
                      <Flex gap={6} wrap>
                        {me.roles.map((r) => (
                          <Tag key={`${r.role}-${r.orgId}`} color="blue" style={{ marginInlineEnd: 0 }}>
                            {roleLabel(r.role, lang)} · {r.orgName}
                          </Tag>
                        ))}
                      </Flex>
                    ) : (
                      t('common.none')
                    ),
                  },
                ]}
              />
            </Card>
            <Card title={t('account.password')}>
              <PasswordChangeForm username={me.username} onChanged={() => void message.success(t('pw.changed'))} />
            </Card>
          </Flex>
        </Col>
        <Col xs={24} xl={12}>
          <Flex vertical gap={16}>
            <TwoFactorCard />
            <SignOutEverywhereCard />
          </Flex>
        </Col>
      </Row>
    </>
  );
}
