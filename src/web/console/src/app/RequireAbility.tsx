import { Result } from 'antd';
import type { ReactNode } from 'react';
import type { Action } from './contracts.js';
import { useT } from './i18n.js';
import { useCan } from './session.js';

/**
 * A screen for holders of `ability` (or of any one of several); others get a plain "not allowed"
 * (the server refuses anyway).
 */
export function RequireAbility({ ability, children }: { ability: Action | readonly Action[]; children: ReactNode }) {
  const t = useT();
  const can = useCan();
  const any = typeof ability === 'string' ? [ability] : ability;
  if (!any.some(can)) return <Result status="403" title="403" subTitle={t('error.forbiddenPage')} />;
  return children;
}
