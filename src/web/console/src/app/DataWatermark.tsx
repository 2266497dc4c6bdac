import { Watermark } from 'antd';
import type { ReactNode } from 'react';
import { useMe } from './session.js';

/** Marks screens that show personal or audit data with who is looking at them. */
export function DataWatermark({ children }: { children: ReactNode }) {
  const me = useMe();
  return (
    <Watermark
      content={[me.displayName, me.username]}
      font={{ color: 'rgba(0, 0, 0, 0.07)', fontSize: 14 }}
      gap={[120, 120]}
    >
      {children}
    </Watermark>
  );
}
