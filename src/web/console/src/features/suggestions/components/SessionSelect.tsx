import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { sessionKindLabels } from '../../../../../../contracts/suggestions.js';
import { useT } from '../../../app/i18n.js';
import { useSessions } from '../api.js';
import { useLabel } from '../hooks/use-label.js';

/**
 * A congress session (works inside a Form.Item or as a filter). `openOnly`: only sessions taking
 * suggestions now, and the one chosen already (the draft form).
 */
export function SessionSelect({
  id,
  value,
  onChange,
  openOnly = false,
  allowClear = false,
  placeholder,
  style,
  'aria-label': ariaLabel,
}: {
  id?: string;
  value?: number;
  onChange?: (value: number | undefined) => void;
  openOnly?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'aria-label'?: string;
}) {
  const t = useT();
  const label = useLabel();
  const sessions = useSessions();
  const options = (sessions.data ?? [])
    .filter((s) => !openOnly || s.open || s.id === value)
    .map((s) => ({
      value: s.id,
      label: t('suggestions.sessionOption', { name: s.name, kind: label(sessionKindLabels[s.kind]) }),
    }));
  return (
    <Select<number>
      id={id}
      aria-label={ariaLabel}
      value={value}
      onChange={(next) => onChange?.(next ?? undefined)}
      options={options}
      loading={sessions.isPending}
      allowClear={allowClear}
      placeholder={placeholder ?? t('suggestions.filter.allSessions')}
      notFoundContent={t('suggestions.field.noSession')}
      style={style}
      data-testid={id ? `select-${id}` : undefined}
    />
  );
}
