import { Flex, Switch } from 'antd';
import { useId } from 'react';
import { useT } from './i18n.js';
import { usePrefs } from './prefs.js';

/** 大字模式: raises the base font size for readers who need it; remembered in this browser. */
export function LargeTextToggle() {
  const t = useT();
  const { largeText, setLargeText } = usePrefs();
  const labelId = useId();
  return (
    <Flex align="center" gap={6}>
      <Switch data-testid="large-text" aria-labelledby={labelId} checked={largeText} onChange={setLargeText} />
      <span id={labelId} onClick={() => setLargeText(!largeText)} style={{ cursor: 'pointer', userSelect: 'none' }}>
        {t('header.largeText')}
      </span>
    </Flex>
  );
}
