import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { antdLocale } from './antd-locales.js';
import { usePrefs } from './prefs.js';
import { queryClient } from './query-client.js';
import { useNarrow } from './use-narrow.js';

/** antd in the UI language (large text raises the base font size to 18), and the query cache. */
export function AppProviders({ children }: { children: ReactNode }) {
  const { lang, largeText } = usePrefs();
  // On a phone, messages ("签收：已完成") appear near the foot of the screen: at the top they lie over the
  // header's switches and the page's title (an opinion's code) just when the reader looks there.
  const phone = useNarrow();
  return (
    <ConfigProvider
      locale={antdLocale(lang)}
      theme={{ token: { fontSize: largeText ? 18 : 14, colorPrimary: '#1668dc' } }}
      // Button labels stay exactly as written ("登录", not "登 录"): what a reader and a test see.
      button={{ autoInsertSpace: false }}
    >
      <AntApp message={phone ? { top: 'calc(100dvh - 120px)' } : undefined}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
