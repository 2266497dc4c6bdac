import { Card, Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../../app/i18n.js';
import { LanguageSwitch } from '../../../app/LanguageSwitch.js';
import { LargeTextToggle } from '../../../app/LargeTextToggle.js';

/** The sign-in screens' frame: product name, preferences, one card. */
export function AuthFrame({ children }: { children: ReactNode }) {
  const t = useT();
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      style={{ minHeight: '100vh', background: `linear-gradient(180deg, #e8eefb 0%, ${token.colorBgLayout} 45%)` }}
    >
      <Flex justify="flex-end" align="center" gap={16} style={{ padding: '16px 24px' }}>
        <LanguageSwitch />
        <LargeTextToggle />
      </Flex>
      <Flex flex={1} vertical align="center" style={{ padding: '4vh 16px 48px' }}>
        <header style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={1} style={{ margin: 0, fontSize: '1.9em', letterSpacing: '0.04em' }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary" style={{ fontSize: '1.05em' }}>
            {t('app.brand')} · {t('app.console')}
          </Typography.Text>
        </header>
        <main style={{ width: '100%', maxWidth: 440 }}>
          <Card variant="borderless" style={{ boxShadow: token.boxShadowTertiary }}>
            {children}
          </Card>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 20, fontSize: '0.85em' }}>
            {t('login.footer')}
          </Typography.Paragraph>
        </main>
      </Flex>
    </Flex>
  );
}
