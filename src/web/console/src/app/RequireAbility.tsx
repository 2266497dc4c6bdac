import { Result } from 'antd';
import type { ReactNode } from 'react';
import type { Action } from './contracts.js';
import { useT } from './i18n.js';
import { useCan } from './session.js';

/** A screen for holders of `ability`; others get a plain "not allowed" (the server refuses anyway). */
export function RequireAbility({ ability, children }: { ability: Action; children: ReactNode }) {
  const t = useT();
  const can = useCan();
  if (!can(ability)) return <Result status="403" title="403" subTitle={t('error.forbiddenPage')} />;
  return children;
}
